// Atomic file replacement: write a temp file in the same directory, flush it, rename it
// over the target. A crash or a full disk leaves the old file intact and no temp behind.
import { randomBytes } from "node:crypto";
import { chmod, mkdir, open, realpath, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { chmodSync, closeSync, fdatasyncSync, mkdirSync, openSync, realpathSync, renameSync, rmSync, statSync, writeSync } from "node:fs";

/** Writes `data` to `path` (following a symlink to its target), creating parent directories. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<string> {
  const target = await realpath(path).catch(() => path);
  const dir = dirname(target);
  await mkdir(dir, { recursive: true });
  const mode = await stat(target).then((s) => s.mode & 0o7777, () => undefined);
  const tmp = join(dir, `.${basename(target)}.${process.pid}.${randomBytes(4).toString("hex")}.keel-tmp`);
  try {
    const fh = await open(tmp, "wx", mode ?? 0o666);
    try {
      await fh.writeFile(data);
      await fh.datasync();
    } finally {
      await fh.close();
    }
    if (mode !== undefined) await chmod(tmp, mode); // the umask must not narrow an existing file's mode
    await rename(tmp, target);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
  return target;
}

/**
 * The same, synchronously, for start-up paths that must not await (flag overrides, ids).
 * `durable: false` skips the flush, for caches checked against signatures on every read,
 * where a write torn by a crash only means fetching the file again.
 */
export function writeFileAtomicSync(path: string, data: string | Uint8Array, mode?: number, o: { durable?: boolean } = {}): string {
  const target = (() => {
    try {
      return realpathSync(path);
    } catch {
      return path;
    }
  })();
  const dir = dirname(target);
  mkdirSync(dir, { recursive: true });
  let existing: number | undefined;
  try {
    existing = statSync(target).mode & 0o7777;
  } catch {}
  const tmp = join(dir, `.${basename(target)}.${process.pid}.${randomBytes(4).toString("hex")}.keel-tmp`);
  try {
    const fd = openSync(tmp, "wx", existing ?? mode ?? 0o666);
    try {
      writeSync(fd, typeof data === "string" ? Buffer.from(data) : data);
      if (o.durable !== false) fdatasyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (existing !== undefined) chmodSync(tmp, existing);
    renameSync(tmp, target);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  return target;
}
