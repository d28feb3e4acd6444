// What the session knows about files it has read (content hash, mtime, size), and the
// freshness check Write/Edit run against it: a file changed on disk since it was read
// must be read again, so an edit never silently overwrites someone else's change.
import { stat } from "node:fs/promises";
import type { FileReadState } from "./tool.ts";
import { ToolFailure } from "./result.ts";

type Seen = { mtimeMs: number; size: number; hash: string };

export function createFileReadState(): FileReadState {
  const seen = new Map<string, Seen>();
  return {
    get: (p) => seen.get(p),
    set: (p, s) => void seen.set(p, { ...s }),
    entries: () => seen.entries(),
  };
}

export function hashBytes(bytes: Uint8Array | string): string {
  return new Bun.CryptoHasher("sha256").update(bytes).digest("hex");
}

/** Records the file as the session now knows it (after a read or our own write). */
export async function remember(files: FileReadState, absPath: string, bytes: Uint8Array | string): Promise<void> {
  const st = await stat(absPath);
  files.set(absPath, { mtimeMs: st.mtimeMs, size: st.size, hash: hashBytes(bytes) });
}

/**
 * Throws unless the file was read in this session and its content is what was read.
 * Content decides, not mtime: a `touch` or a formatter that rewrote identical bytes is harmless.
 */
export function assertFresh(files: FileReadState, absPath: string, current: Uint8Array, verb: string): void {
  const seen = files.get(absPath);
  if (!seen) throw new ToolFailure(`${absPath} has not been read in this session. Read it first, then ${verb} it.`);
  if (seen.size === current.byteLength && seen.hash === hashBytes(current)) return;
  throw new ToolFailure(
    `${absPath} has changed on disk since it was last read (by the user, a formatter or another tool). Read it again before you ${verb} it.`,
  );
}
