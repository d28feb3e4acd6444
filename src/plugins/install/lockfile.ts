// lock.json: which plugin versions are installed and the earlier ones kept for rollback.
// Read strictly (a damaged lockfile is named and never overwritten), written atomically.
import { readFileSync } from "node:fs";
import { writeFileAtomic } from "../../config/index.ts";
import { type LockEntry, Lockfile, type PluginPaths } from "../contracts.ts";
import { InstallError } from "./errors.ts";

/** Earlier versions kept per plugin for `keel plugin rollback`. */
export const KEEP_PREVIOUS = 3;

export const emptyLockfile = (): Lockfile => ({ version: 1, plugins: {}, previous: {} });

export function readLockfile(paths: PluginPaths): Lockfile {
  let text: string;
  try {
    text = readFileSync(paths.lockfile, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return emptyLockfile();
    throw new InstallError(`${paths.lockfile}: cannot be read: ${(e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new InstallError(`${paths.lockfile}: not valid JSON (${(e as Error).message}); nothing was changed`, 1, "move the file aside and reinstall your plugins");
  }
  const r = Lockfile.safeParse(json);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new InstallError(`${paths.lockfile}: ${i?.path.join(".") || "(root)"}: ${i?.message}; nothing was changed`, 1, "move the file aside and reinstall your plugins");
  }
  return r.data;
}

export async function writeLockfile(paths: PluginPaths, lock: Lockfile): Promise<void> {
  await writeFileAtomic(paths.lockfile, `${JSON.stringify(lock, null, 2)}\n`);
}

/** The lockfile with `entry` active; the entry it replaces (if another version or tree) is kept for rollback. */
export function withActive(lock: Lockfile, entry: LockEntry): Lockfile {
  const current = lock.plugins[entry.name];
  let prev = (lock.previous[entry.name] ?? []).filter((p) => p.treeHash !== entry.treeHash);
  if (current && current.treeHash !== entry.treeHash) prev = [current, ...prev.filter((p) => p.treeHash !== current.treeHash)];
  return {
    ...lock,
    plugins: { ...lock.plugins, [entry.name]: entry },
    previous: { ...lock.previous, [entry.name]: prev.slice(0, KEEP_PREVIOUS) },
  };
}

/** The lockfile without `name` at all (active and kept versions). */
export function without(lock: Lockfile, name: string): Lockfile {
  const { [name]: _a, ...plugins } = lock.plugins;
  const { [name]: _b, ...previous } = lock.previous;
  return { ...lock, plugins, previous };
}

/** Every tree hash the lockfile still refers to: the garbage collector keeps these. */
export const referencedTrees = (lock: Lockfile): Set<string> =>
  new Set([...Object.values(lock.plugins), ...Object.values(lock.previous).flat()].map((e) => e.treeHash));
