// `keel plugin marketplace add <dir|url> | list | remove <name>`: Claude Code marketplaces.
// Their plugins are unsigned: `keel plugin install <plugin>@<marketplace> --allow-unsigned`.
import { addMarketplace, marketplaceFile, readRegistered, removeMarketplace } from "../plugins/index.ts";
import { currentPluginPaths } from "./plugin-context.ts";
import { paint, printJson, printLine, warn } from "./output.ts";

export async function marketplaceAdd(where: string, o: { json?: boolean }): Promise<void> {
  const paths = await currentPluginPaths();
  const { added, file } = await addMarketplace(paths, where);
  if (o.json) return printJson({ name: added.name, kind: added.kind, location: added.location, plugins: file.plugins.map((p) => p.name) });
  printLine(`added marketplace ${added.name} (${file.plugins.length} plugin(s)) from ${added.location}`);
  for (const p of file.plugins) printLine(`  ${p.name}${p.version ? ` ${p.version}` : ""}  ${paint.dim(p.description ?? "")}`);
  printLine(paint.dim(`its plugins are unsigned: keel plugin install <plugin>@${added.name} --allow-unsigned`));
}

export async function marketplaceList(o: { json?: boolean }): Promise<void> {
  const paths = await currentPluginPaths();
  const all = Object.values(readRegistered(paths).marketplaces).map((m) => {
    try {
      return { name: m.name, kind: m.kind, location: m.location, addedAt: m.addedAt, plugins: marketplaceFile(m).plugins.map((p) => p.name) };
    } catch (e) {
      return { name: m.name, kind: m.kind, location: m.location, addedAt: m.addedAt, plugins: [] as string[], error: (e as Error).message };
    }
  });
  if (o.json) return printJson({ marketplaces: all });
  if (all.length === 0) return printLine(paint.dim("no marketplaces added (keel plugin marketplace add <dir|url>)"));
  for (const m of all) {
    printLine(`${paint.bold(m.name)}  ${m.kind}  ${m.location}  ${m.plugins.length} plugin(s)`);
    if ("error" in m) warn(`${m.name}: ${m.error}`);
  }
}

export async function marketplaceRemove(name: string, o: { json?: boolean } = {}): Promise<void> {
  const paths = await currentPluginPaths();
  const m = await removeMarketplace(paths, name);
  if (o.json) return printJson({ status: "removed", name: m.name, kind: m.kind, location: m.location });
  printLine(`removed marketplace ${m.name}; plugins installed from it stay installed (keel plugin remove <name> takes one out)`);
}
