// Atomic file replacement: write a temp file in the same directory, flush it, rename it
// over the target. A crash or a full disk leaves the old file intact and no temp behind.
import { randomBytes } from "node:crypto";
import { chmod, mkdir, open, realpath, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

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
