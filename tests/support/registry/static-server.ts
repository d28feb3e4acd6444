// A loopback static file server for registry tests: serves a directory as a CDN would, and
// misbehaves on script, per path: hold the answer, trickle it, swap or lengthen the bytes,
// stream forever, answer an error status. Every request is logged.
import { readFileSync, statSync } from "node:fs";
import { join, normalize } from "node:path";

export interface Fault {
  /** Hold the response this long before the headers. */
  delayMs?: number;
  /** Send the body in chunks of `bytes`, one every `everyMs` (a slow link). */
  trickle?: { bytes: number; everyMs: number };
  /** Serve these bytes instead of the file. */
  body?: Uint8Array | string;
  /** Append this many "x" bytes to the file (longer than signed). */
  append?: number;
  /** Stream "x" forever, with no content-length. */
  endless?: boolean;
  /** Leave out content-length (chunked), so only the client's own cap stops it. */
  chunked?: boolean;
  status?: number;
}

export interface StaticServer {
  url: string;
  /** Request paths in order ("/metadata/timestamp.json"). */
  requests: string[];
  /** Sets (or with undefined, clears) the fault for one path, or for every path matching a RegExp. */
  fault(path: string | RegExp, f: Fault | undefined): void;
  clearFaults(): void;
  stop(): Promise<void>;
}

const X = new Uint8Array(16_384).fill(0x78);

function streamOf(bytes: Uint8Array | undefined, f: Fault): ReadableStream<Uint8Array> {
  let off = 0;
  return new ReadableStream({
    async pull(c) {
      if (f.trickle) await Bun.sleep(f.trickle.everyMs);
      if (f.endless) return c.enqueue(X);
      const data = bytes as Uint8Array;
      if (off >= data.length) return c.close();
      const n = f.trickle?.bytes ?? 65_536;
      c.enqueue(data.subarray(off, off + n));
      off += n;
    },
  });
}

export function serveDir(root: string, port = 0): StaticServer {
  const requests: string[] = [];
  const exact = new Map<string, Fault>();
  const patterns: [RegExp, Fault][] = [];
  const faultFor = (p: string) => exact.get(p) ?? patterns.find(([re]) => re.test(p))?.[1];

  const server = Bun.serve({
    port,
    hostname: "127.0.0.1",
    idleTimeout: 0,
    async fetch(req) {
      const path = decodeURIComponent(new URL(req.url).pathname);
      requests.push(path);
      const f = faultFor(path) ?? {};
      if (f.delayMs) await Bun.sleep(f.delayMs);
      if (f.status) return new Response(`status ${f.status}`, { status: f.status });
      const file = join(root, normalize(path).replace(/^(\.\.[/\\])+/, ""));
      let bytes: Uint8Array | undefined;
      if (f.body !== undefined) bytes = typeof f.body === "string" ? new TextEncoder().encode(f.body) : f.body;
      else if (!f.endless) {
        try {
          if (!statSync(file).isFile()) return new Response("not found", { status: 404 });
          bytes = new Uint8Array(readFileSync(file));
        } catch {
          return new Response("not found", { status: 404 });
        }
      }
      if (bytes && f.append) bytes = new Uint8Array([...bytes, ...new Uint8Array(f.append).fill(0x78)]);
      const headers: Record<string, string> = { "content-type": "application/octet-stream" };
      if (f.endless || f.trickle || f.chunked) return new Response(streamOf(bytes, f), { headers });
      return new Response(bytes as Uint8Array<ArrayBuffer>, { headers });
    },
  });
  return {
    url: `http://127.0.0.1:${server.port}`,
    requests,
    fault(path, f) {
      if (typeof path === "string") {
        if (f) exact.set(path, f);
        else exact.delete(path);
      } else {
        const i = patterns.findIndex(([re]) => re.source === path.source);
        if (i !== -1) patterns.splice(i, 1);
        if (f) patterns.push([path, f]);
      }
    },
    clearFaults() {
      exact.clear();
      patterns.length = 0;
    },
    stop: () => server.stop(true),
  };
}
