// What each kind of source needs before the TUF workflow can start: a transport for its
// files, and the root to trust when the cache has none. The embedded registry's root ships in
// the binary. Any other registry's first root (metadata/1.root.json) is pinned on first use;
// every later root must be signed by the one before it.
import { dirTransport } from "./transport-dir.ts";
import { embeddedFiles, embeddedTransport } from "./transport-embedded.ts";
import { httpTransport } from "./transport-http.ts";
import type { Transport } from "./transport.ts";
import type { RegistrySource } from "./types.ts";

/** tuf-js's default cap for root metadata, used for the pinned first root too. */
export const ROOT_MAX_LENGTH = 512_000;

export function transportFor(source: RegistrySource, o: { bundlePath?: string | undefined; deadlineMs?: number } = {}): Transport {
  if (source.kind === "embedded") return embeddedTransport(o.bundlePath);
  if (source.kind === "dir") return dirTransport(source.location);
  return httpTransport(source.location, o.deadlineMs);
}

/** The newest root in the embedded bundle: the binary itself is the trust anchor. */
export function embeddedAnchor(bundlePath?: string): Uint8Array {
  const files = embeddedFiles(bundlePath);
  const versions = Object.keys(files)
    .map((k) => /^metadata\/(\d+)\.root\.json$/.exec(k)?.[1])
    .filter((v): v is string => v !== undefined)
    .map(Number);
  if (versions.length === 0) throw new Error("the embedded registry has no root metadata (rebuild with npm run registry:build)");
  return new Uint8Array(Buffer.from(files[`metadata/${Math.max(...versions)}.root.json`] as string, "base64"));
}

export const describeSource = (s: RegistrySource): string => (s.kind === "embedded" ? "embedded registry" : `registry ${s.location}`);
