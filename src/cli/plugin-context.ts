// What every `keel plugin` command shares: the plugin paths of this state dir, the registry
// (KEEL_REGISTRY, settings.registry, else the embedded one), `name[@version|@marketplace]`
// parsing, and the PluginInstalled / PluginRemoved hooks from the settings layers.
import { KeelError } from "../errors.ts";
import type { FlagValues } from "../flags/index.ts";
import { createHookRunner } from "../hooks/index.ts";
import { loadRegistry, type LockEntry, PLUGIN_NAME, pluginPaths, type PluginPaths, type Registry, SEMVER } from "../plugins/index.ts";
import { processFlags } from "./flags.ts";
import { warn } from "./output.ts";
import { settingsHooks } from "./session-hooks.ts";
import { processSettings } from "./settings-context.ts";

export async function currentPluginPaths(): Promise<PluginPaths> {
  const { paths } = await processSettings();
  return pluginPaths({ stateDir: paths.stateDir, cacheDir: paths.cacheDir });
}

/** The registry, refreshed once; offline with a verified cache is a warning, not a failure. */
export async function currentRegistry(paths: PluginPaths): Promise<Registry> {
  const [loaded, { openRegistry, registrySource }] = await Promise.all([processSettings(), loadRegistry()]);
  const registry = openRegistry({ source: registrySource(process.env, loaded.settings.registry), cacheDir: paths.metadataCache });
  const report = await registry.refresh().catch((e: unknown) => {
    throw unreachableHint(e, process.env.KEEL_REGISTRY ? "KEEL_REGISTRY" : "settings.registry");
  });
  if (report.offline) warn(`registry ${registry.source.location} unreachable (${report.reason ?? "offline"}); using the verified copy in the cache`);
  return registry;
}

/** A configured registry that cannot be reached (and has no verified cache): say where it was configured. */
export function unreachableHint(e: unknown, from: string): unknown {
  if (!(e instanceof KeelError) || e.hint || !/: unreachable: /.test(e.message)) return e;
  const undo = from === "KEEL_REGISTRY" ? "unset KEEL_REGISTRY" : "remove registry from your settings (keel config list shows which file)";
  return new KeelError(e.message, e.exitCode, `the registry is set by ${from}; check that address, or ${undo} to use the registry embedded in keel`);
}

/** This process's flag snapshot (--flag counts), the one the command table was built from. */
export async function flagSnapshot(): Promise<FlagValues> {
  return (await processFlags()).snapshot;
}

export type InstallSpec = { name: string; version?: string; marketplace?: string };

/**
 * `name` (newest), `name@1.2.3` (a registry version: the suffix is semver) or
 * `name@marketplace` (Claude Code's plugin@marketplace: anything else).
 */
export function parseInstallSpec(spec: string): InstallSpec {
  const [name = "", suffix, extra] = spec.split("@");
  if (extra !== undefined) throw new KeelError(`${JSON.stringify(spec)}: give name, name@version or name@marketplace (one @)`);
  if (!PLUGIN_NAME.test(name)) throw new KeelError(`${JSON.stringify(spec)}: a plugin name is lowercase letters, digits and dashes`);
  if (suffix === undefined) return { name };
  if (SEMVER.test(suffix)) return { name, version: suffix };
  if (!PLUGIN_NAME.test(suffix)) throw new KeelError(`${JSON.stringify(spec)}: after @ comes a version like 1.2.3 or a marketplace name`);
  return { name, marketplace: suffix };
}

/** Fires PluginInstalled or PluginRemoved; no session, so session_id is "". Hook failures are shown, never fatal. */
export async function firePluginHook(event: "PluginInstalled" | "PluginRemoved", entry: LockEntry): Promise<void> {
  const loaded = await processSettings();
  const { defs, problems } = settingsHooks(loaded);
  if (!defs.some((d) => d.event === event)) return;
  for (const p of problems) warn(p);
  const runner = createHookRunner({ defs, projectDir: loaded.paths.projectRoot, notify: (line) => warn(line) });
  await runner.run(event, {
    session_id: "",
    cwd: process.cwd(),
    hook_event_name: event,
    plugin_name: entry.name,
    version: entry.version,
    publisher: entry.publisher,
    source: entry.source,
    signed: entry.signed,
  });
}
