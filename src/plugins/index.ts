// Face of the plugins domain: the manifest, the shared contracts (target custom data, lockfile,
// paths, host protocol), the installer, the runtime and the plugin host; the registry lazily.
export { Capability, Contributions, PLUGIN_NAME, PluginManifest, SEMVER } from "./manifest.ts";
export { HOST_METHODS, LockEntry, Lockfile, pluginPaths, type PluginPaths, SignedFile, TargetCustom, WidgetEvent } from "./contracts.ts";
export { canonicalJson } from "./canonical-json.ts";
export { keyId, newPrivateKeyPem, publicKeyHex, signMetadata, tufKey, type TufKey, verifySignature } from "./ed25519.ts";
// The registry client (tuf-js and its models) loads only when a command needs it: a session
// reads installed plugins from the lockfile and never pays for TUF verification.
export type { CatalogEntry, OpenRegistryOptions, RefreshReport, Registry, RegistryHealth, RegistrySource, VerifiedTarget } from "./registry/index.ts";
export const loadRegistry = () => import("./registry/index.ts");
export {
  addMarketplace,
  type AddedMarketplace,
  applySigned,
  applyUnsigned,
  checkInstalled,
  checkTree,
  compareVersions,
  type InstalledCheck,
  InstallError,
  type InstallPlan,
  installSpec,
  LIMITS as INSTALL_LIMITS,
  marketplaceFile,
  type MarketplaceFile,
  planMarketplace,
  planSigned,
  readLockfile,
  readRegistered,
  removeMarketplace,
  removePlugin,
  rollbackPlugin,
  type SignedPlan,
  type SignedTarget,
  treeDir,
  treeHash,
  type TreeProblem,
  type UnsignedPlan,
  verifyArchive,
} from "./install/index.ts";
export { HostModule, HostTool, manifestProblem, McpServerSpec, PromptSectionSpec, WidgetSpec } from "./manifest.ts";
export { HOST_ARG, PluginHost, PluginHostError, runHostProcess, selfArgv } from "./host/index.ts";
export {
  type ContributionSummary,
  contributionSummary,
  type DeclaredSection,
  describeContributions,
  type EngineEventLike,
  expandCommand,
  functionHookExecutor,
  hostTools,
  type LoadedPlugin,
  loadPluginDir,
  type PluginAgent,
  type PluginCommand,
  type PluginContributions,
  type PluginMcpServer,
  PluginRuntime,
  pluginSections,
  type RuntimeOptions,
  WidgetClient,
  type WidgetLines,
} from "./runtime/index.ts";
