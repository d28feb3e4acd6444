// Face of the registry client: pick a source, open it, browse, resolve a plugin through its
// publisher's signed delegation, download its archive. Trust comes from TUF metadata verified
// by tuf-js, anchored in the root embedded in the binary (or pinned on first use of another
// registry), never from the transport.
export { EMBEDDED_SOURCE, parseRegistryLocation, registrySource } from "./source.ts";
export { NothingCachedError, openRegistry, registryCacheDir, verifyRegistryOffline } from "./open-registry.ts";
export { type RegistryHealth, registryHealth } from "./registry-health.ts";
export { revocationOf } from "./revocation.ts";
export {
  type CatalogEntry,
  type OpenRegistryOptions,
  type RefreshReport,
  type Registry,
  RegistryError,
  type RegistrySource,
  RevokedError,
  type VerifiedTarget,
} from "./types.ts";
