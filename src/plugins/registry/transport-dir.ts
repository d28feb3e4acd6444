// Registry files from a directory (a checkout of registry/, a mounted share). The size is
// checked before reading, and no path may leave the directory.
import { open } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { type ReadOptions, TooLongError, type Transport, UnreachableError } from "./transport.ts";

export function dirTransport(root: string): Transport {
  const pathOf = (rel: string) => {
    const p = resolve(root, rel);
    const back = relative(root, p);
    if (back.startsWith("..") || resolve(back) === back) throw new UnreachableError(`${rel}: path leaves the registry directory`);
    return p;
  };
  return {
    where: (rel) => join(root, rel),
    async read(rel: string, o: ReadOptions) {
      const p = pathOf(rel);
      let fh;
      try {
        fh = await open(p, "r");
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === "ENOENT" || code === "ENOTDIR") return undefined;
        throw new UnreachableError(`${p}: ${(e as Error).message}`);
      }
      try {
        const { size } = await fh.stat();
        if (size > o.maxLength) throw new TooLongError(rel, o.maxLength);
        const buf = new Uint8Array(size);
        let off = 0;
        while (off < size) {
          const { bytesRead } = await fh.read(buf, off, size - off, off);
          if (bytesRead === 0) break;
          off += bytesRead;
          o.onChunk?.(off);
        }
        return buf.subarray(0, off);
      } finally {
        await fh.close();
      }
    },
  };
}
