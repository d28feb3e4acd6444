// A loopback GrowthBook: serves an SDK connection's features endpoint
// (GET /api/features/{clientKey}, optionally encrypted, optionally offering SSE) and
// its stream (GET /sub/{clientKey}), so tests drive the real SDK and our client against
// real HTTP. Encryption follows GrowthBook: AES-CBC, base64 raw key, "<iv>.<ciphertext>".

export interface Payload {
  features: Record<string, { defaultValue?: unknown; rules?: Record<string, unknown>[] }>;
  savedGroups?: Record<string, unknown>;
}

export interface GrowthBookServerOptions {
  clientKey?: string;
  payload: Payload;
  /** Answer with `x-sse-support: enabled` and serve /sub/{clientKey}. */
  sse?: boolean;
  /** Base64 AES key: the features go out as `encryptedFeatures`. */
  encryptionKey?: string;
}

export interface GrowthBookServer {
  url: string;
  clientKey: string;
  /** Requests seen, by path. */
  hits: Record<string, number>;
  setPayload(p: Payload): void;
  /** Sends the current payload to every open stream as a `features` event. */
  push(): Promise<void>;
  /** Sends a bare `features-updated` event: the client must re-fetch. */
  pushUpdated(): void;
  /** Resolves once at least `n` streams are open. */
  streams(n?: number): Promise<void>;
  /** Answer every request with this status until cleared (undefined). */
  failWith(status: number | undefined): void;
  /** Hold every features response this long (for the init timeout). */
  delay(ms: number): void;
  stop(): Promise<void>;
}

const toBase64 = (b: Uint8Array) => btoa(String.fromCharCode(...b));
const fromBase64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

export function newEncryptionKey(): string {
  return toBase64(crypto.getRandomValues(new Uint8Array(16)));
}

export async function encrypt(plain: string, keyBase64: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", fromBase64(keyBase64), { name: "AES-CBC" }, false, ["encrypt"]);
  const iv = crypto.getRandomValues(new Uint8Array(16));
  const body = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-CBC", iv }, key, new TextEncoder().encode(plain)));
  return `${toBase64(iv)}.${toBase64(body)}`;
}

export function startGrowthBook(opts: GrowthBookServerOptions): GrowthBookServer {
  const clientKey = opts.clientKey ?? "sdk-test";
  let payload = opts.payload;
  let failing: number | undefined;
  let delayMs = 0;
  const hits: Record<string, number> = {};
  const open = new Set<ReadableStreamDefaultController<Uint8Array>>();
  let waiters: Array<() => void> = [];
  const enc = new TextEncoder();

  const body = async () =>
    opts.encryptionKey
      ? { status: 200, encryptedFeatures: await encrypt(JSON.stringify(payload.features), opts.encryptionKey), dateUpdated: new Date().toISOString() }
      : { status: 200, ...payload, dateUpdated: new Date().toISOString() };

  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    idleTimeout: 0,
    async fetch(req) {
      const path = new URL(req.url).pathname;
      hits[path] = (hits[path] ?? 0) + 1;
      if (failing) return new Response("down", { status: failing });
      if (path === `/api/features/${clientKey}`) {
        if (delayMs) await Bun.sleep(delayMs);
        const headers: Record<string, string> = { "content-type": "application/json" };
        if (opts.sse) headers["x-sse-support"] = "enabled";
        return new Response(JSON.stringify(await body()), { headers });
      }
      if (path === `/sub/${clientKey}` && opts.sse) {
        let self: ReadableStreamDefaultController<Uint8Array>;
        const stream = new ReadableStream<Uint8Array>({
          start(c) {
            self = c;
            open.add(c);
            c.enqueue(enc.encode(": connected\n\n"));
            for (const w of waiters) w();
            waiters = [];
          },
          cancel() {
            open.delete(self);
          },
        });
        return new Response(stream, { headers: { "content-type": "text/event-stream", "cache-control": "no-cache" } });
      }
      return new Response("not found", { status: 404 });
    },
  });

  return {
    url: `http://127.0.0.1:${server.port}`,
    clientKey,
    hits,
    setPayload(p) {
      payload = p;
    },
    async push() {
      const frame = enc.encode(`event: features\ndata: ${JSON.stringify(await body())}\n\n`);
      for (const c of open) c.enqueue(frame);
    },
    pushUpdated() {
      const frame = enc.encode(`event: features-updated\ndata: {}\n\n`);
      for (const c of open) c.enqueue(frame);
    },
    streams(n = 1) {
      return new Promise<void>((resolve) => {
        const check = () => (open.size >= n ? resolve() : waiters.push(check));
        check();
      });
    },
    failWith(status) {
      failing = status;
    },
    delay(ms) {
      delayMs = ms;
    },
    async stop() {
      for (const c of open) {
        try {
          c.close();
        } catch {
          // already closed by the client
        }
      }
      open.clear();
      await server.stop(true);
    },
  };
}
