// Finding the person's instruction files: AGENTS.md, KEEL.md and CLAUDE.md in the user
// config dir, then in every directory from the project root (or the filesystem root when
// there is no project) down to cwd. Most general first, so the nearest file reads last
// and wins. A file reachable twice (a symlink CLAUDE.md → AGENTS.md) loads once.
import { closeSync, existsSync, openSync, readSync, realpathSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { MemoryFile } from "./section.ts";

export const MEMORY_FILE_NAMES = ["AGENTS.md", "KEEL.md", "CLAUDE.md"] as const;

/** Per-file read cap; the budget trims further. Big enough for any sane instruction file. */
export const MEMORY_FILE_CAP_BYTES = 64 * 1024;

/** Nearest ancestor of `cwd` (itself included) holding `.git`, else null. */
export function findProjectRoot(cwd: string): string | null {
  let dir = resolve(cwd);
  for (;;) {
    if (existsSync(join(dir, ".git"))) return dir;
    const up = dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}

/** Directories searched for project memory, outermost first, ending at cwd. */
export function memoryDirs(cwd: string, projectRoot: string | null): string[] {
  const dirs: string[] = [];
  let dir = resolve(cwd);
  const stop = projectRoot ? resolve(projectRoot) : null;
  for (;;) {
    dirs.push(dir);
    if (dir === stop) break;
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return dirs.reverse();
}

export interface MemoryDiscovery {
  cwd: string;
  projectRoot: string | null;
  /** The user-level config dir (KEEL_HOME); null to skip user memory. */
  userDir: string | null;
}

export function discoverMemoryFiles(opts: MemoryDiscovery): MemoryFile[] {
  const found: MemoryFile[] = [];
  const seen = new Set<string>();
  const visit = (dir: string, scope: MemoryFile["scope"]) => {
    for (const name of MEMORY_FILE_NAMES) {
      const path = join(dir, name);
      const file = readCapped(path);
      if (!file || seen.has(file.real)) continue;
      seen.add(file.real);
      found.push({ path, scope, content: file.content, truncated: file.truncated });
    }
  };
  if (opts.userDir) visit(resolve(opts.userDir), "user");
  for (const dir of memoryDirs(opts.cwd, opts.projectRoot)) visit(dir, "project");
  return found;
}

function readCapped(path: string): { real: string; content: string; truncated: boolean } | null {
  let fd: number | undefined;
  try {
    const st = statSync(path);
    if (!st.isFile()) return null;
    const real = realpathSync(path);
    fd = openSync(path, "r");
    const buf = Buffer.alloc(Math.min(st.size, MEMORY_FILE_CAP_BYTES));
    const n = readSync(fd, buf, 0, buf.length, 0);
    // Cut at the cap may split a UTF-8 sequence; the decoder turns that tail into U+FFFD, harmless.
    const content = buf.subarray(0, n).toString("utf8");
    return { real, content, truncated: st.size > MEMORY_FILE_CAP_BYTES };
  } catch {
    return null; // unreadable (permissions, a dangling link): skipped, as if absent
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
