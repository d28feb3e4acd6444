// tuf-js writes each metadata file into its directory the moment that file verifies, even
// when a later check fails. So it never works in the cache itself: it works in a scratch copy,
// and only a run that verified completely is copied back (each file atomically). A hostile
// registry therefore leaves the cache exactly as it was.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeFileAtomicSync } from "../../config/index.ts";

export interface WorkDir {
  /** tuf-js's metadataDir: a copy of the cache's metadata files. */
  dir: string;
  /** Copies every file that changed (or is new) back into the cache. */
  commit(): void;
  dispose(): void;
}

const isFile = (p: string) => {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
};

const PREFIX = "keel-registry-work-";
let swept = false;

/** Once a process: scratch dirs left by a keel killed mid-refresh (over an hour old) go. */
function sweepStale(): void {
  if (swept) return;
  swept = true;
  const cutoff = Date.now() - 3_600_000;
  try {
    for (const n of readdirSync(tmpdir())) {
      if (!n.startsWith(PREFIX)) continue;
      const p = join(tmpdir(), n);
      if (statSync(p).mtimeMs < cutoff) rmSync(p, { recursive: true, force: true });
    }
  } catch {
    // best effort: a scratch dir we cannot remove harms nothing
  }
}

export function openWorkDir(cacheDir: string, seed?: { name: string; bytes: Uint8Array }): WorkDir {
  sweepStale();
  const dir = mkdtempSync(join(tmpdir(), PREFIX));
  const original = new Map<string, string>();
  let names: string[] = [];
  try {
    names = readdirSync(cacheDir).filter((n) => n.endsWith(".json") && isFile(join(cacheDir, n)));
  } catch {
    // no cache yet
  }
  for (const n of names) {
    const text = readFileSync(join(cacheDir, n), "utf8");
    original.set(n, text);
    writeFileSync(join(dir, n), text); // scratch: no need to sync
  }
  if (seed && !original.has(seed.name)) writeFileSync(join(dir, seed.name), seed.bytes);
  return {
    dir,
    commit() {
      mkdirSync(cacheDir, { recursive: true });
      // root.json last: a crash midway leaves older metadata under the older root, which the
      // next run re-verifies (and re-fetches where it no longer matches).
      const changed = readdirSync(dir)
        .filter((n) => n.endsWith(".json") && readFileSync(join(dir, n), "utf8") !== original.get(n))
        .sort((a, b) => (a === "root.json" ? 1 : b === "root.json" ? -1 : a < b ? -1 : 1));
      // Only the trusted root is synced to disk: everything else is re-verified against it on
      // every load, so a write torn by a crash costs a re-fetch, never trust.
      for (const n of changed) {
        const bytes = readFileSync(join(dir, n));
        if (n === "root.json") writeFileAtomicSync(join(cacheDir, n), bytes);
        else replaceVerifiedTarget(join(cacheDir, n), bytes);
      }
    },
    dispose() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Replaces a cached file checked against signed hashes or signatures on every read: no flush needed. */
export const replaceVerifiedTarget = (path: string, bytes: Uint8Array): void => void writeFileAtomicSync(path, bytes, undefined, { durable: false });
