// Registry files from the copy built into the binary (registry/embedded.bundle, written by
// `npm run registry:build`). The bundle is read on first use, never at start-up.
import { readFileSync } from "node:fs";
import { z } from "zod";
import bundlePath from "../../../registry/embedded.bundle" with { type: "file" };
import { type ReadOptions, TooLongError, type Transport } from "./transport.ts";

const Bundle = z.object({ format: z.literal("keel-registry-bundle/1"), files: z.record(z.string(), z.string()) });

let files: Record<string, string> | undefined;

/** The embedded bundle's files (relative path → base64); `path` overrides it for tests. */
export function embeddedFiles(path: string = bundlePath): Record<string, string> {
  if (path === bundlePath && files) return files;
  const parsed = Bundle.safeParse(JSON.parse(readFileSync(path, "utf8")));
  if (!parsed.success) throw new Error(`the embedded registry bundle ${path} is malformed (rebuild with npm run registry:build)`);
  if (path === bundlePath) files = parsed.data.files;
  return parsed.data.files;
}

export function embeddedTransport(path: string = bundlePath): Transport {
  return {
    where: (rel) => `embedded:${rel}`,
    async read(rel: string, o: ReadOptions) {
      const b64 = embeddedFiles(path)[rel];
      if (b64 === undefined) return undefined;
      const bytes = new Uint8Array(Buffer.from(b64, "base64"));
      if (bytes.length > o.maxLength) throw new TooLongError(rel, o.maxLength);
      o.onChunk?.(bytes.length);
      return bytes;
    },
  };
}
