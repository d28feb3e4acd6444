// The state of each installed plugin, for `list` and `verify`: its tree checked against the
// lockfile (modified), its version against the registry's catalog (revoked: a signed version
// the catalog no longer offers), and its feature flag against this run's snapshot (flag off).
import { gateOpen, type FlagValues } from "../flags/index.ts";
import { checkInstalled, type LockEntry, type Lockfile, type PluginPaths, type Registry, type TreeProblem } from "../plugins/index.ts";
import { currentRegistry, flagSnapshot } from "./plugin-context.ts";

export type PluginStatus = "ok" | "modified" | "revoked" | "flag off";

export interface StatusRow {
  entry: LockEntry;
  status: PluginStatus;
  /** Why, when not ok: the check's message, the revocation, the flag. */
  detail?: string;
  problems: TreeProblem[];
}

/** name → versions the registry still offers; undefined when it could not be asked (said in `note`). */
export async function offeredVersions(registry: Registry | undefined): Promise<{ versions?: Map<string, string[]>; note?: string }> {
  if (!registry) return {};
  try {
    const catalog = await registry.catalog();
    return { versions: new Map(catalog.map((c) => [c.name, c.versions])) };
  } catch (e) {
    return { note: `revocations not checked: ${(e as Error).message}` };
  }
}

export function statusRows(paths: PluginPaths, lock: Lockfile, o: { flags: FlagValues; registryId?: string; offered?: Map<string, string[]> }): StatusRow[] {
  return Object.values(lock.plugins)
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((entry) => {
      const check = checkInstalled(entry, paths);
      if (!check.ok) return { entry, status: "modified", detail: check.message, problems: check.problems };
      const fromThisRegistry = entry.signed && o.registryId !== undefined && entry.source === `registry:${o.registryId}`;
      const offered = o.offered?.get(entry.name);
      if (fromThisRegistry && o.offered && !offered?.includes(entry.version)) {
        return { entry, status: "revoked", detail: `${entry.name} ${entry.version} is no longer offered by the registry (revoked)${offered?.length ? `; ${offered[0]} is` : ""}`, problems: [] };
      }
      if (entry.flag && !gateOpen(o.flags, entry.flag)) return { entry, status: "flag off", detail: `the feature flag ${entry.flag} is off`, problems: [] };
      return { entry, status: "ok", problems: [] };
    });
}

/** Rows for every installed plugin; the registry is asked only when a signed plugin could have been revoked. */
export async function gatherStatus(paths: PluginPaths, lock: Lockfile): Promise<{ rows: StatusRow[]; note?: string }> {
  let registry: Registry | undefined;
  let note: string | undefined;
  if (Object.values(lock.plugins).some((e) => e.signed)) {
    try {
      registry = await currentRegistry(paths);
    } catch (e) {
      note = `revocations not checked: ${(e as Error).message}`;
    }
  }
  const offered = await offeredVersions(registry);
  note ??= offered.note;
  const rows = statusRows(paths, lock, {
    flags: await flagSnapshot(),
    ...(registry ? { registryId: registry.source.id } : {}),
    ...(offered.versions ? { offered: offered.versions } : {}),
  });
  return { rows, ...(note ? { note } : {}) };
}
