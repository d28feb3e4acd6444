// Registry files over http(s). The caller's signal carries the deadline; a refused or reset
// connection, a 5xx or the deadline make the source unreachable; 404/403 mean "no such file"
// (TUF's way of ending the root chain).
import { readCapped, type ReadOptions, TooLongError, type Transport, UnreachableError } from "./transport.ts";

/** `deadlineMs` only words the message: the caller's signal carries the deadline itself. */
export function httpTransport(base: string, deadlineMs?: number): Transport {
  const within = deadlineMs === undefined ? "" : ` (${deadlineMs >= 1000 ? `${deadlineMs / 1000} s` : `${deadlineMs} ms`})`;
  const url = (rel: string) => `${base}/${rel.split("/").map(encodeURIComponent).join("/")}`;
  return {
    where: url,
    async read(rel: string, o: ReadOptions) {
      const aborted = () => (o.signal?.reason instanceof Error && o.signal.reason.name === "TimeoutError" ? `${url(rel)} did not answer before the deadline${within}` : `${url(rel)}: cancelled`);
      let res: Response;
      try {
        res = await fetch(url(rel), { signal: o.signal, headers: { accept: "application/json, application/octet-stream" } });
      } catch (e) {
        if (o.signal?.aborted) throw new UnreachableError(aborted());
        throw new UnreachableError(`${url(rel)}: ${(e as Error).message}`);
      }
      if (res.status === 404 || res.status === 403) {
        await res.body?.cancel().catch(() => {});
        return undefined;
      }
      if (!res.ok || !res.body) {
        await res.body?.cancel().catch(() => {});
        throw new UnreachableError(`${url(rel)} answered HTTP ${res.status}`);
      }
      // A declared length past the cap is refused before a byte of the body is read.
      const declared = Number(res.headers.get("content-length") ?? Number.NaN);
      if (Number.isFinite(declared) && declared > o.maxLength) {
        await res.body.cancel().catch(() => {});
        throw new TooLongError(rel, o.maxLength);
      }
      // Within the cap, uncompressed, and with no progress wanted, the runtime reads exactly
      // the declared length natively (much faster than a JS stream loop over a multi-MB
      // catalog). A compressed body's declared length says nothing of what it inflates to, so
      // that goes through the counting loop.
      const encoded = (res.headers.get("content-encoding") ?? "identity") !== "identity";
      if (Number.isFinite(declared) && !encoded && !o.onChunk) {
        try {
          const bytes = new Uint8Array(await res.arrayBuffer());
          if (bytes.length > o.maxLength) throw new TooLongError(rel, o.maxLength);
          return bytes;
        } catch (e) {
          if (e instanceof TooLongError) throw e;
          if (o.signal?.aborted) throw new UnreachableError(aborted());
          throw new UnreachableError(`reading ${url(rel)} failed: ${(e as Error).message}`);
        }
      }
      return readCapped(res.body, rel, o, aborted);
    },
  };
}
