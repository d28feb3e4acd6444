// Does an installed tree still hold exactly what was installed? Used by `keel plugin verify`
// and by the runtime before it loads a plugin: a tree that no longer matches is disabled,
// with a message that names the files and how to repair it.
import { lstatSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { LockEntry, PluginPaths, SignedFile } from "../contracts.ts";
import { installSpec } from "./plan.ts";
import { parentDirs } from "./safe-path.ts";
import { sha256Hex, treeHash } from "./tree-hash.ts";

export interface TreeProblem {
  path: string;
  problem: "missing" | "changed" | "mode" | "extra" | "not a regular file" | "not a directory";
}

function walk(dir: string, rel: string, out: Map<string, "file" | "dir" | "other">): void {
  for (const name of readdirSync(join(dir, rel))) {
    const p = rel ? `${rel}/${name}` : name;
    const st = lstatSync(join(dir, p));
    if (st.isDirectory()) {
      out.set(p, "dir");
      walk(dir, p, out);
    } else out.set(p, st.isFile() ? "file" : "other");
  }
}

/** Every difference between the tree at `root` and the signed list; empty when it matches. */
export function checkTree(root: string, files: readonly SignedFile[]): TreeProblem[] {
  const found = new Map<string, "file" | "dir" | "other">();
  try {
    // The walk lstat()s everything below the root; the root itself must not be a link either.
    if (!lstatSync(root).isDirectory()) return [{ path: root, problem: "not a directory" }];
    walk(root, "", found);
  } catch {
    return files.map((f) => ({ path: f.path, problem: "missing" as const }));
  }
  const problems: TreeProblem[] = [];
  const dirs = new Set<string>();
  for (const f of files) {
    for (const d of parentDirs(f.path)) dirs.add(d);
    const kind = found.get(f.path);
    if (kind === undefined) problems.push({ path: f.path, problem: "missing" });
    else if (kind !== "file") problems.push({ path: f.path, problem: "not a regular file" });
    else {
      const p = join(root, f.path);
      const st = lstatSync(p);
      if (st.size !== f.size || sha256Hex(readFileSync(p)) !== f.sha256) problems.push({ path: f.path, problem: "changed" });
      else if ((st.mode & 0o7777) !== f.mode) problems.push({ path: f.path, problem: "mode" });
    }
  }
  const listed = new Set(files.map((f) => f.path));
  for (const [p, kind] of found) {
    if (listed.has(p) || (kind === "dir" && dirs.has(p))) continue;
    problems.push({ path: p, problem: "extra" });
  }
  return problems;
}

export type InstalledCheck =
  | { ok: true; root: string }
  | { ok: false; root: string; problems: TreeProblem[]; message: string };

/**
 * Checks one lockfile entry against its store tree. The lockfile's own file list must hash to
 * the recorded treeHash too, so an edited lockfile cannot bless an edited tree.
 */
export function checkInstalled(entry: LockEntry, paths: PluginPaths): InstalledCheck {
  const root = join(paths.store, entry.treeHash);
  const problems: TreeProblem[] =
    treeHash(entry.files) === entry.treeHash ? checkTree(root, entry.files) : [{ path: paths.lockfile, problem: "changed" }];
  if (problems.length === 0) return { ok: true, root };
  const shown = problems.slice(0, 3).map((p) => `${p.path} (${p.problem})`).join(", ");
  const more = problems.length > 3 ? ` and ${problems.length - 3} more` : "";
  return {
    ok: false,
    root,
    problems,
    message: `plugin ${entry.name} ${entry.version} is disabled: its installed files no longer match what was installed: ${shown}${more}; run \`keel plugin install ${installSpec(entry)}\` to repair it`,
  };
}
