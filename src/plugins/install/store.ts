// The content-addressed store: a tree is written complete into a fresh staging directory and
// renamed to `<store>/<treeHash>` in one step, so a reader sees a whole tree or none. A tree
// already in the store with the same hash is reused when it still verifies.
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { PluginPaths } from "../contracts.ts";
import { checkTree } from "./check.ts";
import { alive } from "./lock-dir.ts";
import type { UnpackedFile } from "./unpack.ts";
import { treeHash } from "./tree-hash.ts";

export const treeDir = (paths: PluginPaths, hash: string) => join(paths.store, hash);

/** Removes staging dirs left by processes that died mid-install (their name starts with the pid). */
export function sweepStaging(paths: PluginPaths): void {
  if (!existsSync(paths.staging)) return;
  for (const name of readdirSync(paths.staging)) {
    const pid = Number(name.split("-")[0]);
    if (!Number.isInteger(pid) || pid === process.pid || !alive(pid)) rmSync(join(paths.staging, name), { recursive: true, force: true });
  }
}

/** Removes the directories an install created, when they hold nothing: a failed first install leaves no trace. */
export function pruneEmpty(paths: PluginPaths): void {
  for (const dir of [paths.staging, paths.store, paths.root]) {
    try {
      rmdirSync(dir);
    } catch {}
  }
}

/** Writes the files into the store; returns the tree hash (the directory's name). */
export function storeTree(paths: PluginPaths, files: readonly UnpackedFile[]): string {
  const hash = treeHash(files);
  const dest = treeDir(paths, hash);
  if (existsSync(dest) && checkTree(dest, files).length === 0) return hash;
  mkdirSync(paths.staging, { recursive: true });
  mkdirSync(paths.store, { recursive: true });
  const stage = join(paths.staging, `${process.pid}-${randomBytes(6).toString("hex")}`);
  try {
    mkdirSync(stage, { mode: 0o755 });
    for (const f of files) {
      const p = join(stage, f.path);
      mkdirSync(dirname(p), { recursive: true, mode: 0o755 });
      // wx: a path the staging dir already holds means two entries collided; never overwrite.
      writeFileSync(p, f.data, { flag: "wx", mode: f.mode });
      chmodSync(p, f.mode); // the umask must not change what the tree hash records
    }
    if (existsSync(dest)) {
      // A tree with this name that no longer verifies (edited in place): move it aside, then replace.
      const aside = `${stage}.old`;
      renameSync(dest, aside);
      rmSync(aside, { recursive: true, force: true });
    }
    renameSync(stage, dest);
  } catch (e) {
    rmSync(stage, { recursive: true, force: true });
    throw e;
  }
  return hash;
}

/** Deletes store trees no lockfile entry (active or kept for rollback) refers to. */
export function collectGarbage(paths: PluginPaths, keep: ReadonlySet<string>): string[] {
  if (!existsSync(paths.store)) return [];
  const removed: string[] = [];
  for (const name of readdirSync(paths.store)) {
    if (keep.has(name)) continue;
    rmSync(join(paths.store, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}
