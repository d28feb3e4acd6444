// What `keel doctor` says about the registry: which source is in use and why, and whether
// the metadata keel would use verifies with no network. Never fetches, never writes.
import { NothingCachedError, registryCacheDir, verifyRegistryOffline } from "./open-registry.ts";
import { registrySource } from "./source.ts";
import type { RegistrySource } from "./types.ts";

export interface RegistryHealth {
  status: "ok" | "warn" | "fail";
  detail: string;
  data: Record<string, unknown>;
  hint?: string;
}

export async function registryHealth(o: { env: Record<string, string | undefined>; settingsRegistry?: string; cacheDir: string; bundlePath?: string }): Promise<RegistryHealth> {
  const via = o.env.KEEL_REGISTRY ? "KEEL_REGISTRY" : o.settingsRegistry !== undefined ? "settings.registry" : "default";
  let source: RegistrySource;
  try {
    source = registrySource(o.env, o.settingsRegistry);
  } catch (e) {
    return { status: "fail", detail: (e as Error).message, data: { via, verified: false }, hint: "set KEEL_REGISTRY (or settings.registry) to an http(s) URL or a directory" };
  }
  const name = source.kind === "embedded" ? "embedded registry" : source.location;
  const data = { via, kind: source.kind, id: source.id, location: source.location, cacheDir: registryCacheDir(o.cacheDir, source) };
  try {
    const r = await verifyRegistryOffline({ source, cacheDir: o.cacheDir, ...(o.bundlePath ? { bundlePath: o.bundlePath } : {}) });
    const what = source.kind === "embedded" && !r.reason ? "verifies offline" : "cached metadata verifies offline";
    return {
      status: "ok",
      detail: `${name} (${via}): ${what}; root v${r.rootVersion}, timestamp v${r.timestampVersion}, expires ${r.expires}${r.reason ? ` (${r.reason})` : ""}`,
      data: { ...data, verified: true, rootVersion: r.rootVersion, timestampVersion: r.timestampVersion, expires: r.expires },
    };
  } catch (e) {
    if (e instanceof NothingCachedError) return { status: "warn", detail: `${name} (${via}): nothing cached yet, so nothing to verify offline`, data: { ...data, verified: false }, hint: "keel plugin search fetches and verifies it" };
    return { status: "fail", detail: `${name} (${via}): ${(e as Error).message}`, data: { ...data, verified: false }, hint: "keel plugin search refreshes it; a registry that keeps failing verification should not be trusted" };
  }
}
