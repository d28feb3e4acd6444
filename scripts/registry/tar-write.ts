// Deterministic .tgz: regular files only, sorted by path, mtime 0, uid/gid 0, no user or
// group names, and a gzip header with no time or OS byte. The same files always give the
// same bytes, which is what lets the committed registry be checked for staleness.
import { gzipSync } from "node:zlib";

export interface TarFile {
  path: string;
  data: Uint8Array;
  mode: number;
}

const BLOCK = 512;
/** tar's customary record size: the archive is padded to a multiple of it. */
const RECORD = 10_240;
const enc = new TextEncoder();

function putString(h: Uint8Array, at: number, len: number, s: string, what: string): void {
  const b = enc.encode(s);
  if (b.length > len) throw new Error(`tar: ${what} ${JSON.stringify(s)} is longer than ${len} bytes`);
  h.set(b, at);
}

function putOctal(h: Uint8Array, at: number, len: number, n: number): void {
  putString(h, at, len, `${n.toString(8).padStart(len - 1, "0")}\0`, "number");
}

/** ustar keeps up to 100 bytes of name and 155 of prefix, split at a slash. */
function splitName(path: string): [prefix: string, name: string] {
  if (enc.encode(path).length <= 100) return ["", path];
  for (let i = path.indexOf("/"); i !== -1; i = path.indexOf("/", i + 1)) {
    const prefix = path.slice(0, i);
    const name = path.slice(i + 1);
    if (enc.encode(prefix).length <= 155 && enc.encode(name).length <= 100) return [prefix, name];
  }
  throw new Error(`tar: path ${JSON.stringify(path)} is too long for a ustar header (255 bytes, split at a slash)`);
}

function header(f: TarFile): Uint8Array {
  const h = new Uint8Array(BLOCK);
  const [prefix, name] = splitName(f.path);
  putString(h, 0, 100, name, "name");
  putOctal(h, 100, 8, f.mode & 0o777);
  putOctal(h, 108, 8, 0);
  putOctal(h, 116, 8, 0);
  putOctal(h, 124, 12, f.data.length);
  putOctal(h, 136, 12, 0);
  h.fill(0x20, 148, 156); // checksum is computed with its own field as spaces
  h[156] = 0x30; // "0": regular file
  putString(h, 257, 6, "ustar\0", "magic");
  putString(h, 263, 2, "00", "version");
  putString(h, 345, 155, prefix, "prefix");
  let sum = 0;
  for (const b of h) sum += b;
  putString(h, 148, 8, `${sum.toString(8).padStart(6, "0")}\0 `, "checksum");
  return h;
}

export function tarBytes(files: readonly TarFile[]): Uint8Array {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  let size = 2 * BLOCK;
  for (const f of sorted) size += BLOCK + Math.ceil(f.data.length / BLOCK) * BLOCK;
  const out = new Uint8Array(Math.ceil(size / RECORD) * RECORD);
  let off = 0;
  for (const f of sorted) {
    out.set(header(f), off);
    off += BLOCK;
    out.set(f.data, off);
    off += Math.ceil(f.data.length / BLOCK) * BLOCK;
  }
  return out;
}

export function tgzBytes(files: readonly TarFile[]): Uint8Array {
  const gz = new Uint8Array(gzipSync(tarBytes(files), { level: 9 }));
  // RFC 1952 header: bytes 4–7 are MTIME (0 = none), byte 9 is OS (255 = unknown), so the
  // bytes do not depend on the machine that built them.
  gz.fill(0, 4, 8);
  gz[9] = 255;
  return gz;
}
