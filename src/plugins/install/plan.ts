// What an install or update would change, decided before a byte is downloaded: the entry it
// would record, what it replaces, and whether the person must be asked (a new plugin, wider
// capabilities, or a different publisher key than the one trusted before).
import semver from "semver";
import type { z } from "zod";
import type { LockEntry, Lockfile, TargetCustom } from "../contracts.ts";
import type { Capability } from "../manifest.ts";
import { InstallError } from "./errors.ts";
import { assertPrintable } from "./printable.ts";

type Cap = z.infer<typeof Capability>;

/** What the installer needs of a registry target: VerifiedTarget from the registry fits it. */
export interface SignedTarget {
  path: string;
  length: number;
  sha256: string;
  custom: TargetCustom;
  publisherKeys: string[];
}

export type Pending = Omit<LockEntry, "treeHash" | "installedAt">;

export interface InstallPlan {
  pending: Pending;
  current?: LockEntry;
  /** new, same (already installed, a no-op unless the tree needs repair), or a version change. */
  change: "new" | "same" | "upgrade" | "downgrade";
  /** Capabilities the new version has that the installed one did not (all of them for a new install). */
  added: Cap[];
  publisherChanged: boolean;
  keysChanged: boolean;
  /** Whether to ask (or require --yes): anything the person has not agreed to before. */
  needsConsent: boolean;
}

export const compareVersions = (a: string, b: string): number => semver.compare(a, b);

export function planFor(pending: Pending, lock: Lockfile): InstallPlan {
  const current = lock.plugins[pending.name];
  const added = pending.capabilities.filter((c) => !current?.capabilities.includes(c));
  const publisherChanged = current !== undefined && current.publisher !== pending.publisher;
  const keysChanged =
    current !== undefined && current.signed && pending.signed && pending.publisherKeys.some((k) => !current.publisherKeys.includes(k));
  const c = current ? compareVersions(pending.version, current.version) : 0;
  const change = !current ? "new" : c > 0 ? "upgrade" : c < 0 ? "downgrade" : "same";
  // A signed plugin replaced by an unsigned one (or the reverse) is a different trust decision too.
  const signedChanged = current !== undefined && current.signed !== pending.signed;
  return {
    pending,
    ...(current ? { current } : {}),
    change,
    added,
    publisherChanged,
    keysChanged,
    needsConsent: !current || added.length > 0 || publisherChanged || keysChanged || signedChanged,
  };
}

/** The pending entry for a signed registry target; a revoked version is refused here too. */
export function signedPending(t: SignedTarget, registryId: string): Pending {
  const c = t.custom;
  if (c.revoked !== undefined) throw new InstallError(`${c.name} ${c.version} was revoked by its publisher: ${c.revoked}; nothing was installed`);
  const where = `${c.name} ${c.version}`;
  assertPrintable(c.flag, "signed flag", where);
  assertPrintable(c.description, "signed description", where);
  assertPrintable(c.engine, "signed engine range", where);
  return {
    name: c.name,
    version: c.version,
    publisher: c.publisher,
    source: `registry:${registryId}`,
    signed: true,
    format: c.format,
    capabilities: c.capabilities,
    ...(c.flag !== undefined ? { flag: c.flag } : {}),
    target: t.path,
    archiveSha256: t.sha256,
    files: c.files,
    publisherKeys: [...t.publisherKeys].sort(),
  };
}

/** `keel plugin install …` that puts this entry back (the repair hint in messages). */
export function installSpec(e: Pick<LockEntry, "name" | "version" | "source">): string {
  if (e.source.startsWith("marketplace:")) return `${e.name}@${e.source.slice("marketplace:".length)} --allow-unsigned`;
  return `${e.name}@${e.version}`;
}
