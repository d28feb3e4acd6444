// Face of the installer: plan and apply signed and unsigned installs, remove and roll back,
// check installed trees (the runtime calls `checkInstalled` before it loads a plugin), and
// Claude Code marketplaces. Every change to installed state goes through commit.ts.
export { checkInstalled, checkTree, type InstalledCheck, type TreeProblem } from "./check.ts";
export { removePlugin, type RollbackOptions, rollbackPlugin } from "./commit.ts";
export { InstallError } from "./errors.ts";
export { applySigned, applyUnsigned, planMarketplace, planSigned, type SignedPlan, type TargetSource, type UnsignedPlan, verifyArchive } from "./install.ts";
export { readLockfile } from "./lockfile.ts";
export {
  addMarketplace,
  type AddedMarketplace,
  marketplaceFile,
  type MarketplaceFile,
  readRegistered,
  removeMarketplace,
} from "./marketplace.ts";
export { compareVersions, type InstallPlan, installSpec, type Pending, type SignedTarget } from "./plan.ts";
export { treeDir } from "./store.ts";
export { sha256Hex, treeHash } from "./tree-hash.ts";
export { LIMITS, unpackArchive, type UnpackedFile } from "./unpack.ts";
