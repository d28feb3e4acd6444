// The remote GrowthBook source: GET {apiHost}/api/features/{clientKey} with a short
// timeout, the disk cache behind it (served stale when the host is slow or down), and
// the background sync (interval re-fetch plus SSE from /sub/{clientKey} when offered).
import { KeelError } from "../errors.ts";
import { decryptPayload } from "./decrypt.ts";
import { FeatureApiResponse } from "./payload.ts";
import { readCache, writeCache } from "./remote-cache.ts";
import type { FlagSettings } from "./settings.ts";
import { connectSse } from "./sse.ts";

export interface RemoteConfig extends FlagSettings {
  apiHost: string;
  clientKey: string;
}

export interface RemoteDeps {
  cacheDir: string;
  fetch?: typeof fetch;
  now?: () => number;
}

export interface RemoteState {
  origin: string;
  /** Decrypted payload; absent when neither the host nor the cache had one. */
  payload?: FeatureApiResponse;
  fetchedAt?: number;
  /** True when fetched during this session; false when served from the disk cache. */
  fresh: boolean;
  /** The server offered SSE (x-sse-support: enabled). */
  sse: boolean;
  /** Why the host was not used, when it was not. */
  error?: string;
}

const trimHost = (h: string) => h.replace(/\/+$/, "");
export const featuresUrl = (c: RemoteConfig) => `${trimHost(c.apiHost)}/api/features/${encodeURIComponent(c.clientKey)}`;
export const streamUrl = (c: RemoteConfig) => `${trimHost(c.apiHost)}/sub/${encodeURIComponent(c.clientKey)}`;

async function fetchPayload(c: RemoteConfig, deps: RemoteDeps, timeoutMs: number) {
  const url = featuresUrl(c);
  const res = await (deps.fetch ?? fetch)(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: "application/json" } });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const parsed = FeatureApiResponse.safeParse(await res.json());
  if (!parsed.success) throw new Error("not a GrowthBook features payload");
  return { raw: parsed.data, sse: res.headers.get("x-sse-support") === "enabled" };
}

/** Accepts a raw payload: decrypts it, stores it in the cache, returns the new state. */
async function accept(c: RemoteConfig, deps: RemoteDeps, raw: FeatureApiResponse, sse: boolean): Promise<RemoteState> {
  const origin = featuresUrl(c);
  const payload = await decryptPayload(raw, c.decryptionKey, origin);
  const fetchedAt = (deps.now ?? Date.now)();
  writeCache(deps.cacheDir, { apiHost: c.apiHost, clientKey: c.clientKey, fetchedAt, sse, payload: raw });
  return { origin, payload, fetchedAt, fresh: true, sse };
}

/** The cached payload only (no network): start-up of commands that do not need freshness. */
export async function cachedRemote(c: RemoteConfig, deps: RemoteDeps, error?: string): Promise<RemoteState> {
  const origin = featuresUrl(c);
  const hit = readCache(deps.cacheDir, c.apiHost, c.clientKey);
  const base: RemoteState = { origin, fresh: false, sse: hit?.sse ?? false, ...(error && { error }) };
  if (!hit) return base;
  return { ...base, payload: await decryptPayload(hit.payload, c.decryptionKey, origin), fetchedAt: hit.fetchedAt };
}

/** Fetches within the init timeout; on any failure the stale cache serves, with the reason kept. */
export async function loadRemote(c: RemoteConfig, deps: RemoteDeps): Promise<RemoteState> {
  try {
    const { raw, sse } = await fetchPayload(c, deps, c.timeoutMs);
    return await accept(c, deps, raw, sse);
  } catch (e) {
    if (e instanceof KeelError) throw e; // a wrong decryption key is the person's to fix
    const reason = e instanceof Error && e.name === "TimeoutError" ? `no answer within ${c.timeoutMs} ms` : (e as Error).message;
    return cachedRemote(c, deps, reason);
  }
}

export interface SyncHandlers {
  onState(state: RemoteState): void;
  onError?(err: unknown): void;
}

/** Keeps the remote current: re-fetch on an interval, and follow SSE when the server offers it. */
export function startRemoteSync(c: RemoteConfig, deps: RemoteDeps, sse: boolean, h: SyncHandlers): () => void {
  const refetch = async () => {
    try {
      const { raw, sse: offered } = await fetchPayload(c, deps, Math.max(c.timeoutMs, 10_000));
      h.onState(await accept(c, deps, raw, offered));
    } catch (e) {
      h.onError?.(e);
    }
  };
  const timer = setInterval(refetch, c.refreshSeconds * 1000);
  timer.unref?.();
  const stopStream =
    sse && c.streaming
      ? connectSse(streamUrl(c), {
          ...(deps.fetch && { fetch: deps.fetch }),
          onEvent: async (e) => {
            if (e.event === "features-updated") return refetch();
            if (e.event !== "features") return;
            const parsed = FeatureApiResponse.safeParse(JSON.parse(e.data));
            if (!parsed.success) throw new Error("SSE features event is not a GrowthBook payload");
            h.onState(await accept(c, deps, parsed.data, true));
          },
          ...(h.onError && { onError: h.onError }),
        })
      : () => {};
  return () => {
    clearInterval(timer);
    stopStream();
  };
}
