// A small Server-Sent Events client over fetch (Bun has no EventSource): parses the
// text/event-stream framing and reconnects with backoff until stopped.

export interface SseEvent {
  event: string;
  data: string;
  id?: string;
}

/** Parses an event stream body into events, per the WHATWG framing rules. */
export async function* readSse(body: ReadableStream<Uint8Array>): AsyncGenerator<SseEvent> {
  const decoder = new TextDecoder();
  let buffer = "";
  let event = "";
  let data: string[] = [];
  let id: string | undefined;
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true });
    let nl: number;
    while ((nl = buffer.search(/\r\n|\r|\n/)) >= 0) {
      // A lone \r at the end of the buffer may be half of \r\n: wait for more.
      if (buffer[nl] === "\r" && nl === buffer.length - 1) break;
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + (buffer.startsWith("\r\n", nl) ? 2 : 1));
      if (line === "") {
        if (data.length) yield { event: event || "message", data: data.join("\n"), ...(id !== undefined && { id }) };
        event = "";
        data = [];
        continue;
      }
      if (line.startsWith(":")) continue;
      const colon = line.indexOf(":");
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? "" : line.slice(colon + 1);
      if (value.startsWith(" ")) value = value.slice(1);
      if (field === "event") event = value;
      else if (field === "data") data.push(value);
      else if (field === "id") id = value;
    }
  }
}

export interface SseOptions {
  fetch?: typeof fetch;
  headers?: Record<string, string>;
  onEvent(e: SseEvent): void | Promise<void>;
  /** Told of every failed or ended connection before the next attempt. */
  onError?(err: unknown): void;
  /** First reconnect delay; doubles up to maxDelayMs. */
  retryMs?: number;
  maxDelayMs?: number;
}

/** Keeps a stream open (reconnecting) until the returned stop() is called. */
export function connectSse(url: string, opts: SseOptions): () => void {
  const ctl = new AbortController();
  const doFetch = opts.fetch ?? fetch;
  const base = opts.retryMs ?? 1000;
  const max = opts.maxDelayMs ?? 60_000;
  void (async () => {
    let delay = base;
    while (!ctl.signal.aborted) {
      try {
        const res = await doFetch(url, { headers: { accept: "text/event-stream", ...opts.headers }, signal: ctl.signal });
        if (!res.ok || !res.body) throw new Error(`${url}: HTTP ${res.status}`);
        for await (const e of readSse(res.body)) {
          delay = base;
          await opts.onEvent(e);
        }
        throw new Error(`${url}: stream ended`);
      } catch (err) {
        if (ctl.signal.aborted) return;
        opts.onError?.(err);
      }
      await new Promise((r) => setTimeout(r, delay).unref?.());
      delay = Math.min(max, delay * 2);
    }
  })();
  return () => ctl.abort();
}
