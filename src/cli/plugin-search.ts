// `keel plugin search <text>` and `keel plugin info <name>`: what the registry and the added
// marketplaces offer, and everything about one plugin before installing it.
import { KeelError } from "../errors.ts";
import { readLockfile, readRegistered, type Registry } from "../plugins/index.ts";
import { allItems, type CatalogItem, marketplaceItems, matches } from "./plugin-catalog.ts";
import { describeCapability } from "./plugin-consent.ts";
import { currentPluginPaths, currentRegistry, parseInstallSpec } from "./plugin-context.ts";
import { paint, printJson, printLine, warn } from "./output.ts";

/** Registry and marketplace plugins; a registry that cannot be read costs only its own part (unless nothing is left). */
export async function loadItems(): Promise<CatalogItem[]> {
  const paths = await currentPluginPaths();
  const lock = readLockfile(paths);
  let registry: Registry | undefined;
  try {
    registry = await currentRegistry(paths);
    return await allItems(registry, paths, lock);
  } catch (e) {
    const rest = marketplaceItems(paths, lock);
    if (rest.length === 0) throw e;
    warn(`registry not read: ${(e as Error).message}; showing marketplace plugins only`);
    return rest;
  }
}

const itemJson = ({ registry: _, ...rest }: CatalogItem) => rest;

export function itemLine(i: CatalogItem): string {
  const installed = i.installed ? paint.green(` [installed ${i.installed}]`) : "";
  const trust = i.signed ? "" : paint.yellow(" (unsigned)");
  return `${paint.bold(i.spec)} ${i.version}  ${paint.dim(i.publisher)}${trust}${installed}  ${i.description}`;
}

export async function pluginSearch(text: string, o: { json?: boolean }): Promise<void> {
  const found = (await loadItems()).filter((i) => matches(i, text));
  if (o.json) return printJson({ query: text, plugins: found.map(itemJson) });
  if (found.length === 0) return printLine(paint.dim(`nothing matches ${JSON.stringify(text)}`));
  for (const i of found) printLine(itemLine(i));
}

/** The lines `info` prints (browse shows the same on Enter). */
export function infoLines(i: CatalogItem): string[] {
  const latest = i.registry?.latest;
  const lines = [
    // A marketplace entry may have no version ("—") or description: show what there is.
    `${paint.bold(i.name)}${i.version === "—" ? "" : ` ${i.version}`}${i.description ? ` — ${i.description}` : ""}`,
    `  publisher     ${i.publisher}${i.signed ? " (signed)" : paint.yellow(" (unsigned: nothing vouches for its files)")}`,
    `  source        ${i.source}`,
    `  install       keel plugin install ${i.spec}${i.signed ? "" : " --allow-unsigned"}`,
  ];
  if (i.versions.length) lines.push(`  versions      ${i.versions.join(", ")}`);
  if (i.installed) lines.push(`  installed     ${i.installed}`);
  if (latest) {
    lines.push(`  engine        ${latest.engine}`, `  format        ${latest.format}`);
    const bytes = latest.files.reduce((n, f) => n + f.size, 0);
    lines.push(`  files         ${latest.files.length} (${bytes} bytes)`);
  }
  if (i.flag) lines.push(`  flag          ${i.flag}`);
  if (i.signed) {
    lines.push(i.capabilities.length ? "  capabilities" : "  capabilities  none");
    for (const c of i.capabilities) lines.push(`    - ${describeCapability(c)} (${c})`);
  } else lines.push("  capabilities  inferred from its files when installed");
  return lines;
}

export async function pluginInfo(spec: string, o: { json?: boolean }): Promise<void> {
  const s = parseInstallSpec(spec);
  const items = await loadItems();
  const item = items.find((i) => i.name === s.name && (s.marketplace ? i.source === `marketplace:${s.marketplace}` : i.signed)) ?? (s.marketplace ? undefined : items.find((i) => i.name === s.name));
  if (!item && s.marketplace && !readRegistered(await currentPluginPaths()).marketplaces[s.marketplace]) {
    throw new KeelError(`no marketplace named ${s.marketplace} is added`, 1, "add it with keel plugin marketplace add <dir|url>; keel plugin marketplace list shows those added");
  }
  if (!item) throw new KeelError(s.marketplace ? `marketplace ${s.marketplace} has no plugin ${s.name}` : `no plugin named ${spec} in the registry or the added marketplaces`, 1, "keel plugin search <text> finds plugins");
  if (s.version && !item.versions.includes(s.version)) throw new KeelError(`${s.name} has no version ${s.version} (it has: ${item.versions.join(", ") || "none"})`);
  if (o.json) return printJson(itemJson(item));
  for (const l of infoLines(item)) printLine(l);
}
