// Which plugins a session has: the installed ones from the lockfile (each tree checked
// against its recorded hash first: a changed tree is disabled, with the files named) and
// the --plugin-dir ones, then each gated by its flag. Nothing here starts a process.
import { resolve } from "node:path";
import { type FlagValues, gateOpen } from "../../flags/index.ts";
import { type LockEntry, type PluginPaths } from "../contracts.ts";
import { PluginManifest } from "../manifest.ts";
import { checkInstalled } from "../install/check.ts";
import { readLockfile } from "../install/lockfile.ts";
import { loadPluginDir } from "./load.ts";
import { emptyContributions, type LoadedPlugin } from "./types.ts";

export interface DiscoverOptions {
  paths: PluginPaths;
  /** --plugin-dir values (a plugin under development, not installed). */
  pluginDirs?: readonly string[];
  flags: FlagValues;
  cwd: string;
}

export function discoverPlugins(o: DiscoverOptions): { plugins: LoadedPlugin[]; notices: string[] } {
  const notices: string[] = [];
  const found: LoadedPlugin[] = [];
  let lock;
  try {
    lock = readLockfile(o.paths);
  } catch (e) {
    notices.push(`installed plugins not loaded: ${(e as Error).message}`);
  }
  for (const entry of Object.values(lock?.plugins ?? {})) {
    const check = checkInstalled(entry, o.paths);
    found.push(check.ok ? loadPluginDir(check.root, `installed:${entry.source}`, entry.capabilities) : changedTree(entry, check.root, check.message));
  }
  for (const dir of o.pluginDirs ?? []) {
    const root = resolve(o.cwd, dir);
    const p = loadPluginDir(root, `dir:${root}`);
    // A development copy wins over the installed one of the same name: that is why it was given.
    const i = found.findIndex((x) => x.name === p.name);
    if (i >= 0) found.splice(i, 1);
    found.push(p);
  }
  const plugins = found.map((p) => gate(p, o.flags));
  for (const p of plugins) {
    // Off by flag is a choice, not a problem — except for a --plugin-dir, which was asked for by name.
    const quiet = p.disabled?.startsWith("flag ") && !p.origin.startsWith("dir:");
    if (!p.enabled && p.disabled && !quiet) notices.push(p.disabled.startsWith("plugin ") ? p.disabled : `plugin ${p.name} is disabled: ${p.disabled}`);
    for (const problem of p.problems) notices.push(`plugin ${p.name}: ${problem}`);
  }
  return { plugins, notices };
}

/**
 * An installed plugin whose tree no longer matches its lockfile entry. Nothing in the tree is
 * read (a planted FIFO would hang start-up, a planted manifest would speak for it): what the
 * plugin is comes from the lockfile alone, and it contributes nothing.
 */
function changedTree(entry: LockEntry, root: string, why: string): LoadedPlugin {
  const said = { name: entry.name, version: entry.version, description: "", engine: "*", capabilities: entry.capabilities, ...(entry.flag ? { flag: entry.flag } : {}) };
  const parsed = PluginManifest.safeParse({ ...said, publisher: entry.publisher });
  const manifest = parsed.success ? parsed.data : PluginManifest.parse({ ...said, publisher: "unknown" });
  return {
    name: entry.name,
    version: entry.version,
    root,
    format: entry.format,
    origin: `installed:${entry.source}`,
    manifest,
    capabilities: entry.capabilities,
    enabled: false,
    disabled: why,
    problems: [],
    contributions: emptyContributions(),
  };
}

/** A plugin whose flag is off is listed (with what it would contribute) and contributes nothing: the runtime takes only enabled ones. */
function gate(p: LoadedPlugin, flags: FlagValues): LoadedPlugin {
  if (!p.enabled) return p;
  const flag = p.manifest.flag;
  if (gateOpen(flags, flag)) return p;
  return { ...p, enabled: false, disabled: `flag ${flag} is off (keel flags set ${flag} true turns it on)` };
}
