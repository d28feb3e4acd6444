// Checks every path argument before any file is touched. Paths with `..` segments are
// refused outright: permission rules and hooks match on the raw path the model wrote,
// so `/repo/src/../../etc/passwd` must not reach the file system looking like `/repo/src/**`.
import { homedir } from "node:os";
import { isAbsolute, resolve, sep } from "node:path";
import { ToolFailure } from "./result.ts";

export interface PathRules {
  /** Refuse relative paths instead of resolving them against the session cwd. */
  absolute?: boolean;
}

/** Returns the normalised absolute path, or throws a ToolFailure naming the field. */
export function checkPath(raw: string, field: string, cwd: string, rules: PathRules = {}): string {
  if (raw.includes("\0")) throw new ToolFailure(`${field} contains a NUL byte; pass a plain file path.`);
  if (raw.trim() === "") throw new ToolFailure(`${field} is empty; pass a file path.`);
  if (raw.split(/[\\/]/).includes("..")) {
    throw new ToolFailure(`${field} must not contain ".." segments (got ${JSON.stringify(raw)}); pass the resolved absolute path.`);
  }
  const expanded = raw === "~" ? homedir() : raw.startsWith("~/") ? homedir() + raw.slice(1) : raw;
  if (rules.absolute && !isAbsolute(expanded)) {
    throw new ToolFailure(`${field} must be an absolute path (got ${JSON.stringify(raw)}); for example ${resolve(cwd, expanded)}`);
  }
  return resolve(cwd, expanded);
}

/** Forward-slash relative path of `abs` under `root`, for glob matching and display. */
export function relPosix(root: string, abs: string): string {
  const rel = abs === root ? "" : abs.startsWith(root.endsWith(sep) ? root : root + sep) ? abs.slice(root.length + (root.endsWith(sep) ? 0 : 1)) : abs;
  return sep === "/" ? rel : rel.split(sep).join("/");
}
