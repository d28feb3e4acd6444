// Fetches one target's bytes: never more than its signed length, then its sha256 checked.
// With consistent snapshots the file is served as <dir>/<sha256>.<name>.
import { sha256Hex } from "../install/tree-hash.ts";
import { explain } from "./explain.ts";
import type { RegistryContext } from "./open-registry.ts";
import { TooLongError } from "./transport.ts";
import { RegistryError, type VerifiedTarget } from "./types.ts";

export function servedPath(path: string, sha256: string): string {
  const slash = path.lastIndexOf("/");
  return `targets/${slash === -1 ? `${sha256}.${path}` : `${path.slice(0, slash)}/${sha256}.${path.slice(slash + 1)}`}`;
}

/** What a download needs of a target: where it is and what its signer said of it. */
export type SignedFileRef = Pick<VerifiedTarget, "path" | "length" | "sha256">;

export async function downloadTarget(
  ctx: RegistryContext,
  t: SignedFileRef,
  o: { onProgress?(done: number, total: number): void; signal: AbortSignal },
): Promise<Uint8Array> {
  const rel = servedPath(t.path, t.sha256);
  let bytes: Uint8Array | undefined;
  try {
    bytes = await ctx.transport().read(rel, { maxLength: t.length, signal: o.signal, onChunk: (done) => o.onProgress?.(Math.min(done, t.length), t.length) });
  } catch (e) {
    if (e instanceof TooLongError) throw new RegistryError(`${ctx.where}: ${t.path} is longer than the ${t.length} bytes its signer signed for it; refused, nothing kept`);
    throw explain(e, ctx.where, t.path);
  }
  if (!bytes) throw new RegistryError(`${ctx.where}: ${t.path} is signed but the registry does not serve ${rel}`);
  if (bytes.length !== t.length) throw new RegistryError(`${ctx.where}: ${t.path} is ${bytes.length} bytes, not the ${t.length} its signer signed (truncated or tampered); refused`);
  const got = sha256Hex(bytes);
  if (got !== t.sha256) throw new RegistryError(`${ctx.where}: ${t.path} does not match its signed sha256 (expected ${t.sha256.slice(0, 16)}…, got ${got.slice(0, 16)}…): the archive was tampered with; refused`);
  return bytes;
}
