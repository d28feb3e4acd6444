// What a speculative session changed, read from the overlay's upper dir: regular files
// are additions or modifications, overlayfs whiteouts (0:0 character devices) deletions.
import { lstatSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { structuredDiff } from "../tools/index.ts";

export type ChangeKind = "added" | "modified" | "deleted";

export interface Change {
  /** Path relative to the project root. */
  path: string;
  kind: ChangeKind;
}

const isWhiteout = (st: { isCharacterDevice(): boolean; rdev: number }) => st.isCharacterDevice() && st.rdev === 0;

function exists(p: string): boolean {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

export function listChanges(root: string, upper: string, rel = ""): Change[] {
  const out: Change[] = [];
  for (const name of readdirSync(join(upper, rel)).sort()) {
    const path = rel ? `${rel}/${name}` : name;
    const st = lstatSync(join(upper, path));
    const lower = join(root, path);
    if (isWhiteout(st)) {
      if (exists(lower)) out.push(...deletedTree(root, path));
    } else if (st.isDirectory()) {
      out.push(...listChanges(root, upper, path));
    } else if (st.isFile() || st.isSymbolicLink()) {
      if (!exists(lower)) out.push({ path, kind: "added" });
      else if (st.isSymbolicLink() || !readFileSync(join(upper, path)).equals(readFileSync(lower))) out.push({ path, kind: "modified" });
    }
  }
  return out;
}

/** A whiteout over a directory deletes everything under it. */
function deletedTree(root: string, path: string): Change[] {
  const st = lstatSync(join(root, path));
  if (!st.isDirectory()) return [{ path, kind: "deleted" }];
  return readdirSync(join(root, path)).sort().flatMap((n) => deletedTree(root, `${path}/${n}`));
}

const text = (p: string) => (exists(p) ? readFileSync(p, "utf8") : "");

/** A unified diff of every change, as the person sees it before approving. */
export function renderDiff(root: string, upper: string, changes: readonly Change[]): string {
  const parts: string[] = [];
  for (const c of changes) {
    const before = c.kind === "added" ? "" : text(join(root, c.path));
    const after = c.kind === "deleted" ? "" : text(join(upper, c.path));
    parts.push(`--- ${c.kind === "added" ? "/dev/null" : `a/${c.path}`}`, `+++ ${c.kind === "deleted" ? "/dev/null" : `b/${c.path}`}`);
    for (const h of structuredDiff(before, after)) {
      parts.push(`@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`, ...h.lines);
    }
  }
  return parts.join("\n");
}
