// Test archives byte by byte: a raw tar writer that will write anything a hostile archive
// might hold (links, devices, `../`, duplicates, pax headers), and the signed list for it.
import { createHash } from "node:crypto";
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { pluginPaths, type PluginPaths, type SignedFile, type TargetCustom } from "../../../src/plugins/contracts.ts";

export interface RawEntry {
  name: string;
  data?: Uint8Array | string;
  /** tar typeflag: "0" file, "5" dir, "1" hard link, "2" symlink, "3"/"4" devices, "6" FIFO, "x" pax. */
  type?: string;
  mode?: number;
  linkname?: string;
  prefix?: string;
  /** Lie about the size in the header. */
  size?: number;
}

const enc = new TextEncoder();
const bytes = (d: Uint8Array | string | undefined) => (typeof d === "string" ? enc.encode(d) : (d ?? new Uint8Array()));

function put(h: Uint8Array, at: number, s: string) {
  h.set(enc.encode(s), at);
}

export function header(e: RawEntry, size: number): Uint8Array {
  const h = new Uint8Array(512);
  put(h, 0, e.name.slice(0, 100));
  put(h, 100, `${(e.mode ?? 0o644).toString(8).padStart(7, "0")}\0`);
  put(h, 108, "0000000\0");
  put(h, 116, "0000000\0");
  put(h, 124, `${(e.size ?? size).toString(8).padStart(11, "0")}\0`);
  put(h, 136, "00000000000\0");
  h.fill(0x20, 148, 156);
  put(h, 156, e.type ?? "0");
  if (e.linkname) put(h, 157, e.linkname);
  put(h, 257, "ustar\0");
  put(h, 263, "00");
  if (e.prefix) put(h, 345, e.prefix);
  let sum = 0;
  for (const b of h) sum += b;
  put(h, 148, `${sum.toString(8).padStart(6, "0")}\0 `);
  return h;
}

export function rawTar(entries: readonly RawEntry[], trailer: Uint8Array = new Uint8Array(1024)): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const e of entries) {
    const d = bytes(e.data);
    parts.push(header(e, d.length), d, new Uint8Array((512 - (d.length % 512)) % 512));
  }
  parts.push(trailer);
  return Buffer.concat(parts);
}

export const tgz = (entries: readonly RawEntry[], trailer?: Uint8Array) => new Uint8Array(gzipSync(rawTar(entries, trailer)));

export const sha = (d: Uint8Array | string) => createHash("sha256").update(bytes(d)).digest("hex");

export function signed(path: string, data: Uint8Array | string, mode = 0o644): SignedFile {
  return { path, sha256: sha(data), size: bytes(data).length, mode };
}

const paxRecord = (k: string, v: string) => {
  const body = ` ${k}=${v}\n`;
  let n = body.length + 1;
  while (`${n}${body}`.length !== n) n = `${n}${body}`.length;
  return `${n}${body}`;
};

/** A pax header entry that sets the next entry's path (and, given, its size). */
export function paxPath(path: string, size?: number): RawEntry {
  return { name: "PaxHeader", type: "x", data: paxRecord("path", path) + (size === undefined ? "" : paxRecord("size", String(size))) };
}

export function custom(name: string, version: string, files: SignedFile[], extra: Partial<TargetCustom> = {}): TargetCustom {
  return { name, version, publisher: "acme", description: `${name} for tests`, engine: ">=0.1.0", capabilities: ["prompt"], format: "keel", files, ...extra };
}

export function freshPaths(): PluginPaths & { stateDir: string } {
  const base = mkdtempSync(join(tmpdir(), "keel-install-"));
  return { ...pluginPaths({ stateDir: join(base, "state"), cacheDir: join(base, "cache") }), stateDir: join(base, "state") };
}

/** One hash over everything under `dir` (names, kinds, modes, bytes): "did anything change?" */
export function hashDir(dir: string): string {
  const h = createHash("sha256");
  if (!existsSync(dir)) return "absent";
  const walk = (rel: string) => {
    for (const name of readdirSync(join(dir, rel)).sort()) {
      const p = join(rel, name);
      const st = lstatSync(join(dir, p));
      h.update(`${p}\0${st.mode}\0`);
      if (st.isDirectory()) walk(p);
      else if (st.isSymbolicLink()) h.update(readlinkSync(join(dir, p)));
      else h.update(readFileSync(join(dir, p)));
    }
  };
  walk("");
  return h.digest("hex");
}
