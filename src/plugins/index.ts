// Face of the plugins domain: the manifest, the shared contracts (target custom data, lockfile,
// paths, host protocol); the registry, installer and runtime export through here as they land.
export { Capability, Contributions, PluginManifest } from "./manifest.ts";
export { HOST_METHODS, LockEntry, Lockfile, pluginPaths, type PluginPaths, SignedFile, TargetCustom, WidgetEvent } from "./contracts.ts";
export { canonicalJson } from "./canonical-json.ts";
export { keyId, newPrivateKeyPem, publicKeyHex, signMetadata, tufKey, type TufKey, verifySignature } from "./ed25519.ts";
