// The last good remote payload on disk (cache dir), stored as received (still encrypted
// when it came encrypted) with the time it was fetched, so an offline start can serve it
// and say how old it is.
import { join } from "node:path";
import { readFileSync } from "node:fs";
import { z } from "zod";
import { atomicWrite } from "./files.ts";
import { FeatureApiResponse } from "./payload.ts";

export const CACHE_FILE = "flags-remote.json";

export const CachedPayload = z.object({
  apiHost: z.string(),
  clientKey: z.string(),
  fetchedAt: z.number(),
  sse: z.boolean(),
  payload: FeatureApiResponse,
});
export type CachedPayload = z.infer<typeof CachedPayload>;

export const cacheFile = (cacheDir: string) => join(cacheDir, CACHE_FILE);

/** The cached payload for this host and key; a missing, corrupt or foreign cache is simply absent. */
export function readCache(cacheDir: string, apiHost: string, clientKey: string): CachedPayload | undefined {
  let text: string;
  try {
    text = readFileSync(cacheFile(cacheDir), "utf8");
  } catch {
    return undefined;
  }
  try {
    const c = CachedPayload.safeParse(JSON.parse(text));
    if (c.success && c.data.apiHost === apiHost && c.data.clientKey === clientKey) return c.data;
  } catch {
    // A corrupt cache is replaced by the next good fetch; until then there is none.
  }
  return undefined;
}

export function writeCache(cacheDir: string, entry: CachedPayload): void {
  atomicWrite(cacheFile(cacheDir), JSON.stringify(entry));
}
