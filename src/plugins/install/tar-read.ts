// A ustar/pax/GNU tar reader over bytes already in memory. It decides every entry's kind from
// its header and returns only regular files and directories; links, devices, FIFOs and unknown
// kinds are refused by name, so nothing downstream ever sees them.
import { InstallError } from "./errors.ts";

export interface TarEntry {
  /** As written in the archive (pax or GNU long names applied), before any normalising. */
  path: string;
  kind: "file" | "dir";
  /** Permission bits from the header, including any setuid/setgid/sticky bits (the caller compares). */
  mode: number;
  data: Uint8Array;
}

const BLOCK = 512;
const decoder = new TextDecoder("utf-8", { fatal: false });

const REFUSED: Record<string, string> = {
  "1": "a hard link",
  "2": "a symbolic link",
  "3": "a character device",
  "4": "a block device",
  "6": "a FIFO",
  "7": "a contiguous file",
  g: "a global pax header",
  K: "a GNU long link name",
  S: "a GNU sparse file",
  V: "a GNU volume header",
};

function cString(b: Uint8Array, start: number, len: number): string {
  const field = b.subarray(start, start + len);
  const end = field.indexOf(0);
  return decoder.decode(end < 0 ? field : field.subarray(0, end));
}

function octal(b: Uint8Array, start: number, len: number, what: string, at: number): number {
  if ((b[start] as number) & 0x80) throw new InstallError(`archive entry at byte ${at}: ${what} uses base-256 encoding (too large for a plugin)`);
  const text = cString(b, start, len).trim();
  if (text === "") return 0;
  if (!/^[0-7]+$/.test(text)) throw new InstallError(`archive entry at byte ${at}: ${what} is not an octal number`);
  return Number.parseInt(text, 8);
}

function checksumOk(h: Uint8Array): boolean {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (h[i] as number);
  return sum === octal(h, 148, 8, "checksum", 0);
}

const isZero = (b: Uint8Array) => b.every((x) => x === 0);

/** pax records: "<len> <key>=<value>\n", len counting the whole record. */
function paxRecords(body: Uint8Array, at: number): Map<string, string> {
  const out = new Map<string, string>();
  let i = 0;
  while (i < body.length) {
    const sp = body.indexOf(0x20, i);
    const len = sp < 0 ? Number.NaN : Number(decoder.decode(body.subarray(i, sp)));
    if (!Number.isInteger(len) || len <= 0 || i + len > body.length) throw new InstallError(`archive entry at byte ${at}: a malformed pax header`);
    const rec = decoder.decode(body.subarray(sp + 1, i + len - 1));
    const eq = rec.indexOf("=");
    if (eq < 0) throw new InstallError(`archive entry at byte ${at}: a malformed pax record`);
    out.set(rec.slice(0, eq), rec.slice(eq + 1));
    i += len;
  }
  return out;
}

export function readTar(tar: Uint8Array, o: { maxEntries: number }): TarEntry[] {
  const entries: TarEntry[] = [];
  let headers = 0;
  let pending: { path?: string; size?: number } = {};
  let off = 0;
  while (off + BLOCK <= tar.length) {
    const h = tar.subarray(off, off + BLOCK);
    if (isZero(h)) {
      // End of archive. Whatever follows must be padding: hidden bytes are refused, not skipped.
      if (!isZero(tar.subarray(off))) throw new InstallError(`archive: non-zero data after the end-of-archive marker (byte ${off})`);
      return entries;
    }
    if (++headers > o.maxEntries) throw new InstallError(`archive: more than ${o.maxEntries} entries`);
    if (!checksumOk(h)) throw new InstallError(`archive entry at byte ${off}: bad header checksum (corrupt or not a tar archive)`);
    const type = String.fromCharCode(h[156] as number);
    const magic = cString(h, 257, 6);
    let path = cString(h, 0, 100);
    // POSIX ustar splits long names into prefix + name; GNU's "ustar  " header uses those bytes otherwise.
    if (magic === "ustar" && h[263] === 0x30) {
      const prefix = cString(h, 345, 155);
      if (prefix) path = `${prefix}/${path}`;
    }
    // A pax size applies to the entry the pax header describes, never to another metadata header.
    const meta = type === "x" || type === "L";
    const size = (meta ? undefined : pending.size) ?? octal(h, 124, 12, "size", off);
    const start = off + BLOCK;
    if (start + size > tar.length) throw new InstallError(`archive entry ${JSON.stringify(pending.path ?? path)}: truncated (needs ${size} bytes)`);
    const body = tar.subarray(start, start + size);
    off = start + Math.ceil(size / BLOCK) * BLOCK;

    if (type === "x") {
      const rec = paxRecords(body, start - BLOCK);
      const p = rec.get("path");
      const s = rec.get("size");
      pending = { ...pending, ...(p !== undefined ? { path: p } : {}), ...(s !== undefined ? { size: Number(s) } : {}) };
      if (pending.size !== undefined && !(Number.isSafeInteger(pending.size) && pending.size >= 0)) throw new InstallError(`archive: a pax size that is not a whole number`);
      continue;
    }
    if (type === "L") {
      pending = { ...pending, path: cString(body, 0, body.length) };
      continue;
    }
    const name = pending.path ?? path;
    pending = {};
    const refused = REFUSED[type];
    if (refused) throw new InstallError(`archive entry ${JSON.stringify(name)} is ${refused}: only regular files and directories are accepted`);
    const mode = octal(h, 100, 8, "mode", start - BLOCK) & 0o7777;
    if (type === "0" || type === "\0") entries.push({ path: name, kind: "file", mode, data: body });
    else if (type === "5") entries.push({ path: name, kind: "dir", mode, data: body.subarray(0, 0) });
    else throw new InstallError(`archive entry ${JSON.stringify(name)} has unknown type ${JSON.stringify(type)}: only regular files and directories are accepted`);
  }
  if (off !== tar.length) throw new InstallError("archive: truncated inside a header");
  return entries;
}
