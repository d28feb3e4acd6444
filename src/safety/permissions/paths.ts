// Paths are resolved before any rule sees them — `~`, `..`, symlinks, and case on
// case-insensitive systems — so `/repo/src/../../etc/x` or a link into ~/.ssh cannot pass
// for a path under an allowed pattern.
import { realpathSync } from "node:fs";
import { homedir } from "node:os";
import { basename, dirname, isAbsolute, join, resolve } from "node:path";

export const caseInsensitive = process.platform === "darwin" || process.platform === "win32";

const fold = (p: string) => (caseInsensitive ? p.toLowerCase() : p);

/** The real absolute path: symlinks followed as far as the path exists, the rest appended. */
export function resolveRealPath(p: string, cwd: string, home = homedir()): string {
  const expanded = p === "~" ? home : p.startsWith("~/") ? join(home, p.slice(2)) : p;
  const abs = resolve(cwd, expanded);
  let existing = abs;
  const rest: string[] = [];
  for (;;) {
    try {
      return fold(join(realpathSync(existing), ...rest.reverse()));
    } catch {
      const up = dirname(existing);
      if (up === existing) return fold(abs);
      rest.push(basename(existing));
      existing = up;
    }
  }
}

/**
 * A rule's path pattern made absolute: `~/x` under home, `//x` and `/x` absolute,
 * anything else relative to the project root. A directory pattern covers its contents.
 */
export function absolutePattern(pattern: string, root: string, home = homedir()): string {
  let p = pattern.trim();
  if (p === "~" || p.startsWith("~/")) p = join(home, p.slice(2));
  else if (p.startsWith("//")) p = p.slice(1);
  else if (!isAbsolute(p)) p = join(root, p);
  // Resolve the literal (non-glob) prefix's symlinks, like the paths it is matched against.
  const firstGlob = p.search(/[*?[{]/);
  const literal = firstGlob < 0 ? p : p.slice(0, p.lastIndexOf("/", firstGlob));
  const real = resolveRealPath(literal, "/", home);
  const out = firstGlob < 0 ? real : real + p.slice(literal.length);
  return fold(out);
}

export function pathMatches(pattern: string, realPath: string, root: string, home = homedir()): boolean {
  let abs = absolutePattern(pattern, root, home);
  // `dir/**` covers the directory itself too (a Glob or LS rooted at it).
  if (abs.endsWith("/**") && realPath === abs.slice(0, -3)) return true;
  if (abs.endsWith("/**")) abs = abs.slice(0, -3).replace(/\/$/, "") + "/**";
  if (abs === realPath || realPath.startsWith(`${abs.replace(/\/$/, "")}/`)) return true;
  return new Bun.Glob(abs).match(realPath);
}

/** Is `realPath` inside one of the directories (already real paths)? */
export const isInside = (realPath: string, dirs: readonly string[]) =>
  dirs.some((d) => realPath === d || realPath.startsWith(`${d.replace(/\/$/, "")}/`));
