// Face of the plugins domain: the manifest schema (the signed registry and install come next).
export { Capability, Contributions, PluginManifest } from "./manifest.ts";
