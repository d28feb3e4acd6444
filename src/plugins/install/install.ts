// Installs end to end, in two steps so the person can be asked in between: plan (resolve and
// compare with what is installed; nothing downloaded yet), then apply (download at most the
// signed length, check the hash, unpack in memory, store, switch the lockfile).
import type { PluginPaths } from "../contracts.ts";
import { commitInstall } from "./commit.ts";
import { InstallError } from "./errors.ts";
import { checkManifestAgrees } from "./manifest-check.ts";
import { readLockfile } from "./lockfile.ts";
import { findMarketplace, marketplaceFile, pluginDir } from "./marketplace.ts";
import { type InstallPlan, planFor, type SignedTarget, signedPending } from "./plan.ts";
import { readPluginDir } from "./read-dir.ts";
import { sha256Hex } from "./tree-hash.ts";
import { LIMITS, type UnpackedFile, unpackArchive } from "./unpack.ts";
import { unsignedPending } from "./unsigned.ts";
import type { LockEntry } from "../contracts.ts";

/** The registry as the installer uses it; `Registry` from src/plugins/registry fits it. */
export interface TargetSource {
  readonly source: { id: string };
  resolve(name: string, version?: string): Promise<SignedTarget>;
  download(t: SignedTarget, o?: { onProgress?(done: number, total: number): void; signal?: AbortSignal }): Promise<Uint8Array>;
}

export interface SignedPlan extends InstallPlan {
  target: SignedTarget;
}

export async function planSigned(registry: TargetSource, paths: PluginPaths, name: string, version?: string): Promise<SignedPlan> {
  const target = await registry.resolve(name, version);
  return { ...planFor(signedPending(target, registry.source.id), readLockfile(paths)), target };
}

/** Checks downloaded bytes against the signed target and returns its verified files. */
export function verifyArchive(target: SignedTarget, archive: Uint8Array): UnpackedFile[] {
  const where = `${target.custom.name} ${target.custom.version}`;
  if (archive.length > target.length) throw new InstallError(`${where}: the download is ${archive.length} bytes, more than the signed ${target.length}`);
  if (archive.length !== target.length || sha256Hex(archive) !== target.sha256) throw new InstallError(`${where}: the archive does not match its signed length and sha256`);
  const files = unpackArchive(archive, target.custom.files, where);
  // The signed custom data is what the installer trusts; a manifest that disagrees was packaged wrong (or hostile).
  checkManifestAgrees(target.custom, files, where);
  return files;
}

export async function applySigned(
  registry: TargetSource,
  paths: PluginPaths,
  plan: SignedPlan,
  o: { onProgress?(done: number, total: number): void; signal?: AbortSignal; now?: Date } = {},
): Promise<LockEntry> {
  // The download is held in memory: a signed length no plugin could need is refused up front.
  const c = plan.target.custom;
  if (plan.target.length > LIMITS.maxUnpackedBytes) {
    throw new InstallError(`${c.name} ${c.version}: its signed length (${plan.target.length} bytes) is over the ${LIMITS.maxUnpackedBytes} bytes any plugin archive may have; nothing was downloaded`);
  }
  const archive = await registry.download(plan.target, { ...(o.onProgress ? { onProgress: o.onProgress } : {}), ...(o.signal ? { signal: o.signal } : {}) });
  const files = verifyArchive(plan.target, archive);
  return commitInstall(paths, plan.pending, files, o.now);
}

export interface UnsignedPlan extends InstallPlan {
  files: UnpackedFile[];
  dir: string;
}

/** `name@marketplace`: read the plugin's directory (relative sources only) into memory. */
export function planMarketplace(paths: PluginPaths, name: string, marketplace: string): UnsignedPlan {
  const m = findMarketplace(paths, marketplace);
  const file = marketplaceFile(m);
  const p = file.plugins.find((x) => x.name === name);
  if (!p) {
    const names = file.plugins.map((x) => x.name);
    throw new InstallError(`marketplace ${marketplace} has no plugin ${name}${names.length ? ` (it has: ${names.join(", ")})` : " (it lists none)"}`);
  }
  const dir = pluginDir(m, file, p);
  const files = readPluginDir(dir);
  const pending = unsignedPending(files, {
    source: `marketplace:${marketplace}`,
    dir,
    name,
    ...(p.version ? { version: p.version } : {}),
    publisher: p.author?.name || file.owner.name,
  });
  return { ...planFor(pending, readLockfile(paths)), files, dir };
}

export function applyUnsigned(paths: PluginPaths, plan: UnsignedPlan, now?: Date): Promise<LockEntry> {
  return commitInstall(paths, plan.pending, plan.files, now);
}
