// From archive bytes to a verified file map, all in memory: gunzip under a cap derived from
// the signed sizes, read the tar, and accept exactly the signed files — each once, with the
// signed sha256, size and mode — plus the directories above them. Nothing touches the disk.
import { gunzipSync } from "node:zlib";
import type { SignedFile } from "../contracts.ts";
import { InstallError } from "./errors.ts";
import { assertSafePath, parentDirs } from "./safe-path.ts";
import { readTar } from "./tar-read.ts";
import { sha256Hex } from "./tree-hash.ts";

/** Hard ceilings whatever the signed list says: no plugin is this large. */
export const LIMITS = { maxUnpackedBytes: 256 * 1024 * 1024, maxEntries: 20_000, maxFiles: 10_000 };

export interface UnpackedFile extends SignedFile {
  data: Uint8Array;
}

/** Checks the signed list itself: safe paths, no duplicates, no file that is also a directory. */
export function checkSignedList(files: readonly SignedFile[], where: string): void {
  if (files.length === 0) throw new InstallError(`${where}: the signed file list is empty`);
  if (files.length > LIMITS.maxFiles) throw new InstallError(`${where}: ${files.length} files is over the limit of ${LIMITS.maxFiles}`);
  const paths = new Set<string>();
  for (const f of files) {
    assertSafePath(f.path, `${where}: signed file`);
    if (paths.has(f.path)) throw new InstallError(`${where}: signed file ${JSON.stringify(f.path)} is listed twice`);
    paths.add(f.path);
  }
  for (const f of files) {
    for (const d of parentDirs(f.path)) if (paths.has(d)) throw new InstallError(`${where}: ${JSON.stringify(d)} is listed as a file and used as a directory`);
  }
}

/** The most a tar of these files can inflate to: each file's blocks, a header and a pax header each, the end marker and a record's padding. */
function inflateCap(files: readonly SignedFile[]): number {
  let n = 10_240 + 1024 * 64; // end blocks and record padding, plus room for directory headers
  for (const f of files) n += Math.ceil(f.size / 512) * 512 + 3 * 512;
  return Math.min(n, LIMITS.maxUnpackedBytes);
}

function gunzip(archive: Uint8Array, cap: number, where: string): Uint8Array {
  if (archive[0] !== 0x1f || archive[1] !== 0x8b) throw new InstallError(`${where}: not a gzip archive`);
  try {
    return gunzipSync(archive, { maxOutputLength: cap });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === "ERR_BUFFER_TOO_LARGE" || err instanceof RangeError) {
      throw new InstallError(`${where}: the archive inflates past ${cap} bytes, more than its signed files need (a gzip bomb?)`);
    }
    throw new InstallError(`${where}: the archive does not decompress: ${err.message}`);
  }
}

/** Strips one leading "./" (tar -C dir .), and a directory's trailing slash. */
const normalise = (p: string) => p.replace(/^\.\/+/, "").replace(/\/+$/, "");

export function unpackArchive(archive: Uint8Array, files: readonly SignedFile[], where: string): UnpackedFile[] {
  checkSignedList(files, where);
  const tar = gunzip(archive, inflateCap(files), where);
  const signed = new Map(files.map((f) => [f.path, f]));
  const dirs = new Set(files.flatMap((f) => parentDirs(f.path)));
  const seen = new Map<string, Uint8Array>();
  const seenDirs = new Set<string>();
  for (const e of readTar(tar, { maxEntries: Math.min(LIMITS.maxEntries, files.length * 3 + dirs.size + 16) })) {
    const path = normalise(e.path);
    if (path === "" && e.kind === "dir") continue; // the archive's own root, "./"
    assertSafePath(path, `${where}: archive entry`);
    if (e.kind === "dir") {
      if (!dirs.has(path)) throw new InstallError(`${where}: archive directory ${JSON.stringify(path)} is not on the signed list`);
      if (seenDirs.has(path)) throw new InstallError(`${where}: archive directory ${JSON.stringify(path)} appears twice`);
      seenDirs.add(path);
      continue;
    }
    const f = signed.get(path);
    if (!f) throw new InstallError(`${where}: archive file ${JSON.stringify(path)} is not on the signed list`);
    if (seen.has(path)) throw new InstallError(`${where}: archive file ${JSON.stringify(path)} appears twice`);
    if (e.data.length !== f.size) throw new InstallError(`${where}: ${JSON.stringify(path)} is ${e.data.length} bytes, signed as ${f.size}`);
    if (e.mode !== f.mode) throw new InstallError(`${where}: ${JSON.stringify(path)} has mode ${e.mode.toString(8)}, signed as ${f.mode.toString(8)}`);
    if (sha256Hex(e.data) !== f.sha256) throw new InstallError(`${where}: ${JSON.stringify(path)} does not match its signed sha256`);
    seen.set(path, e.data);
  }
  const missing = files.filter((f) => !seen.has(f.path)).map((f) => f.path);
  if (missing.length) throw new InstallError(`${where}: signed file(s) missing from the archive: ${missing.slice(0, 5).join(", ")}${missing.length > 5 ? ", …" : ""}`);
  return files.map((f) => ({ ...f, data: seen.get(f.path) as Uint8Array }));
}
