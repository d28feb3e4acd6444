// `keel plugin remove | rollback | verify`: take a plugin out (PluginRemoved fires), put the
// previous version back (PluginInstalled fires), and check every installed tree and version.
import { type LockEntry, loadRegistry, readLockfile, removePlugin, rollbackPlugin } from "../plugins/index.ts";
import { currentPluginPaths, currentRegistry, firePluginHook } from "./plugin-context.ts";
import { rowJson } from "./plugin-list.ts";
import { gatherStatus } from "./plugin-status.ts";
import { paint, printJson, printLine, warn } from "./output.ts";

export async function pluginRemove(name: string, o: { json?: boolean }): Promise<void> {
  const paths = await currentPluginPaths();
  const entry = await removePlugin(paths, name);
  await firePluginHook("PluginRemoved", entry);
  if (o.json) return printJson({ status: "removed", plugin: entry });
  printLine(`removed ${entry.name} ${entry.version}`);
}

export async function pluginRollback(name: string, o: { json?: boolean }): Promise<void> {
  const paths = await currentPluginPaths();
  // A version its publisher has revoked since is never put back. Asked of the registry (its verified
  // cache when offline); only when it cannot be asked at all does the rollback go ahead, saying so.
  const revoked = async (e: LockEntry): Promise<string | undefined> => {
    if (!e.signed) return undefined;
    try {
      const [registry, { revocationOf }] = await Promise.all([currentRegistry(paths), loadRegistry()]);
      return await revocationOf(registry, e);
    } catch (err) {
      warn(`could not ask the registry whether ${e.name} ${e.version} was revoked (${(err as Error).message}); rolling back anyway`);
      return undefined;
    }
  };
  const { from, to } = await rollbackPlugin(paths, name, { revoked });
  await firePluginHook("PluginInstalled", to);
  if (o.json) return printJson({ status: "rolled back", from: from.version, plugin: to });
  printLine(`rolled back ${name} ${from.version} → ${to.version}`);
}

/** Exit 1 when any plugin is modified or revoked: scripts can gate on it. */
export async function pluginVerify(o: { json?: boolean; flag?: string[] }): Promise<void> {
  const paths = await currentPluginPaths();
  const lock = readLockfile(paths);
  const { rows, note } = await gatherStatus(paths, lock);
  const bad = rows.filter((r) => r.status === "modified" || r.status === "revoked");
  if (bad.length) process.exitCode = 1;
  if (o.json) return printJson({ ok: bad.length === 0, plugins: rows.map((r) => ({ ...rowJson(r), problems: r.problems })), ...(note ? { note } : {}) });
  if (note) warn(note);
  if (rows.length === 0) return printLine(paint.dim("no plugins installed"));
  for (const r of rows) {
    const head = `${r.entry.name} ${r.entry.version}`;
    if (r.status === "modified") {
      printLine(`${paint.red("modified", process.stdout)}  ${head}`);
      for (const p of r.problems) printLine(`    ${p.path}: ${p.problem}`);
      printLine(paint.dim(`    ${r.detail}`));
    } else if (r.status === "revoked") printLine(`${paint.red("revoked ")}  ${head}: ${r.detail}`);
    else printLine(`${paint.green("ok      ")}  ${head}${r.status === "flag off" ? paint.dim(` (${r.detail})`) : ""}`);
  }
  printLine(bad.length ? `${bad.length} of ${rows.length} plugin(s) need attention` : `${rows.length} plugin(s) verified`);
}
