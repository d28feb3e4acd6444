// The registry builder as a library: tests and benches build real (and hostile) registries
// with it; cli.ts is `npm run registry:build`. It imports src/plugins files directly, never the
// plugins face: the face embeds registry/embedded.bundle, which this builder is what makes.
export { buildRegistry, type BuildOptions, type BuildResult, type CatalogFileShape, type TopRole } from "./build.ts";
export { BUNDLE_FILE, CATALOG_TARGET, EXPIRES, SPEC_VERSION } from "./constants.ts";
export { generateKeys, loadKeys, type RegistryKeys, type RoleKeys } from "./keys.ts";
export { type PackedPlugin, packPlugin, pluginDirs, type PluginInput } from "./plugin-source.ts";
export { type Envelope, publicSide, serialize, sign, type Signature } from "./sign.ts";
export { tarBytes, type TarFile, tgzBytes } from "./tar-write.ts";
export const DEV_KEYS_DIR = new URL("./dev-keys/", import.meta.url).pathname;
