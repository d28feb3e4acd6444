// The one place that changes installed state: under the install lock, put the verified tree
// into the store, then switch the lockfile atomically. Anything that fails before the
// lockfile write leaves the store and lockfile as they were (a new tree is removed again).
import type { LockEntry, Lockfile, PluginPaths } from "../contracts.ts";
import { checkInstalled } from "./check.ts";
import { InstallError } from "./errors.ts";
import { readLockfile, referencedTrees, withActive, without, writeLockfile } from "./lockfile.ts";
import { withInstallLock } from "./lock-dir.ts";
import type { Pending } from "./plan.ts";
import { collectGarbage, pruneEmpty, storeTree, sweepStaging } from "./store.ts";
import type { UnpackedFile } from "./unpack.ts";

async function transact<T>(paths: PluginPaths, fn: (lock: Lockfile) => Promise<{ lock?: Lockfile; value: T }>): Promise<T> {
  try {
    return await withInstallLock(paths, async () => {
      sweepStaging(paths);
      const before = readLockfile(paths); // a damaged lockfile stops here, before anything is touched
      let keep = referencedTrees(before);
      try {
        const { lock, value } = await fn(before);
        if (lock) {
          await writeLockfile(paths, lock);
          keep = referencedTrees(lock);
        }
        return value;
      } finally {
        // Trees nothing refers to any more: a version that fell out of history, or a failed attempt's.
        collectGarbage(paths, keep);
      }
    });
  } finally {
    pruneEmpty(paths);
  }
}

/** Installs verified files as `pending`; returns the lockfile entry now active. */
export function commitInstall(paths: PluginPaths, pending: Pending, files: readonly UnpackedFile[], now: Date = new Date()): Promise<LockEntry> {
  return transact(paths, async (lock) => {
    const treeHash = storeTree(paths, files);
    const entry: LockEntry = { ...pending, files: files.map(({ data: _, ...f }) => f), treeHash, installedAt: now.toISOString() };
    return { lock: withActive(lock, entry), value: entry };
  });
}

export function removePlugin(paths: PluginPaths, name: string): Promise<LockEntry> {
  return transact(paths, async (lock) => {
    const entry = lock.plugins[name];
    if (!entry) throw new InstallError(`plugin ${name} is not installed`, 1, "keel plugin list shows what is");
    return { lock: without(lock, name), value: entry };
  });
}

export interface RollbackOptions {
  now?: Date;
  /**
   * Why the publisher revoked `entry` (the registry's word, e.g. a RevokedError's message), or
   * undefined when it stands. Asked before the install lock is taken: it may use the network.
   */
  revoked?(entry: LockEntry): Promise<string | undefined>;
}

/** Makes the newest kept version active again; its tree must still verify, and its publisher must not have revoked it. */
export async function rollbackPlugin(paths: PluginPaths, name: string, o: RollbackOptions = {}): Promise<{ from: LockEntry; to: LockEntry }> {
  const asked = o.revoked ? (readLockfile(paths).previous[name] ?? [])[0] : undefined;
  const reason = asked && o.revoked ? await o.revoked(asked) : undefined;
  if (asked && reason) throw new InstallError(`cannot roll back ${name} to ${asked.version}: ${reason}; nothing was changed`, 1, `keel plugin install ${name} installs the newest version its publisher stands by`);
  return transact(paths, async (lock) => {
    const from = lock.plugins[name];
    if (!from) throw new InstallError(`plugin ${name} is not installed`, 1, "keel plugin list shows what is");
    const kept = lock.previous[name] ?? [];
    const target = kept[0];
    if (!target) throw new InstallError(`plugin ${name} has no earlier version to roll back to (only ${from.version} was installed here)`);
    // Another keel changed the kept list while the publisher was being asked: what was checked is not what would go live.
    if (o.revoked && target.treeHash !== asked?.treeHash) throw new InstallError(`cannot roll back ${name}: its installed versions changed meanwhile; nothing was changed, try again`);
    const check = checkInstalled(target, paths);
    if (!check.ok) throw new InstallError(`cannot roll back ${name} to ${target.version}: its stored files no longer match (${check.problems.length} problem(s)); nothing was changed`);
    const to = { ...target, installedAt: (o.now ?? new Date()).toISOString() };
    const next = withActive({ ...lock, previous: { ...lock.previous, [name]: kept.slice(1) } }, to);
    return { lock: next, value: { from, to } };
  });
}
