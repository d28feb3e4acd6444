// The identity of an installed tree: one sha256 over its signed file list. It names the store
// directory and is recomputed at load, so the encoding below is a contract — change it and
// every installed plugin reads as modified.
import { createHash } from "node:crypto";
import type { SignedFile } from "../contracts.ts";

/**
 * sha256 over the files sorted by path (UTF-16 code unit order, as Array.sort does), one line
 * each: `<path>\0<sha256>\0<size>\0<mode in octal>\n`. NUL cannot occur in a path, so no two
 * lists share an encoding.
 */
export function treeHash(files: readonly SignedFile[]): string {
  const h = createHash("sha256");
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const f of sorted) h.update(`${f.path}\0${f.sha256}\0${f.size}\0${f.mode.toString(8)}\n`);
  return h.digest("hex");
}

export const sha256Hex = (data: Uint8Array): string => createHash("sha256").update(data).digest("hex");
