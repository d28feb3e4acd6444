// Which relative paths a plugin tree may hold. Applied to archive entries, to the signed file
// list itself (a compromised publisher key must still not write outside the store) and to
// unsigned plugin directories.
import { InstallError } from "./errors.ts";

/** Why `path` cannot be a file inside a plugin tree, or undefined when it can. */
export function unsafePathReason(path: string): string | undefined {
  if (path.length === 0) return "an empty path";
  if (path.length > 1024) return "a path over 1024 characters";
  if (path.includes("\0")) return "a NUL character in the path";
  if (path.includes("\\")) return "a backslash in the path";
  if (path.startsWith("/")) return "an absolute path";
  if (/^[A-Za-z]:/.test(path)) return "a drive-letter path";
  for (const seg of path.split("/")) {
    if (seg === "..") return "a `..` segment (it would climb out of the plugin)";
    if (seg === "." || seg === "") return "an empty or `.` segment";
  }
  return undefined;
}

export function assertSafePath(path: string, where: string): void {
  const why = unsafePathReason(path);
  if (why) throw new InstallError(`${where}: ${JSON.stringify(path)} is refused: ${why}`);
}

/** Every directory above `path`: "a/b/c" → ["a", "a/b"]. */
export function parentDirs(path: string): string[] {
  const segs = path.split("/");
  return segs.slice(0, -1).map((_, i) => segs.slice(0, i + 1).join("/"));
}
