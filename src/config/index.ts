// The config domain's face: paths, settings layers, atomic writes. The lowest layer:
// every other folder may import it, it imports nothing else of keel's.
export { scanOption } from "./argv-scan.ts";
export { writeFileAtomic, writeFileAtomicSync } from "./atomic-write.ts";
export { ACCOUNT_ID_ENV, accountId, installFileId, installId, installIdentity, installIdFile, type InstallIdentity } from "./install-id.ts";
export { type Env, findProjectRoot, MANAGED_SETTINGS_DEFAULT, type Paths, pluginLockfile, pluginsRoot, resolvePaths } from "./paths.ts";
export { editSetting, type EditResult, type Scope, SCOPES, scopeFile } from "./settings-edit.ts";
export {
  formatProblem,
  LAYER_ORDER,
  type Layer,
  type LayerName,
  type LoadedSettings,
  type LoadOptions,
  loadSettings,
  type PermissionRule,
  type SettingsProblem,
} from "./settings-load.ts";
export type { Settings, SettingsKey } from "./settings-schema.ts";
export { getPath, leafPaths } from "./settings-tree.ts";
