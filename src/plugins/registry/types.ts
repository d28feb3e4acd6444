// The registry client's public shapes: where a registry comes from, what browsing shows,
// and what install-time trust hands the installer. Implementations live beside this file.
import { KeelError } from "../../errors.ts";
import type { TargetCustom } from "../contracts.ts";

export interface RegistrySource {
  /** "embedded", or a short hash of the location: names the metadata cache dir. */
  id: string;
  kind: "embedded" | "dir" | "http";
  /** "embedded", an absolute directory, or an http(s) URL (no trailing slash). */
  location: string;
}

/** One plugin as browsing shows it (from the catalog target, signed by top-level targets). */
export interface CatalogEntry {
  name: string;
  publisher: string;
  description: string;
  /** Every version that is not revoked, newest first. */
  versions: string[];
  latest: TargetCustom;
}

/** A plugin archive as its publisher's delegated targets role signed it. */
export interface VerifiedTarget {
  /** `<publisher>/<name>/<name>-<version>.tgz` */
  path: string;
  length: number;
  sha256: string;
  custom: TargetCustom;
  /** Key ids the top-level targets role delegates the publisher's namespace to. */
  publisherKeys: string[];
}

/** What a refresh did: fresh from the source, or (offline) verified from the cache. */
export interface RefreshReport {
  offline: boolean;
  /** Why the source could not be used, when offline. */
  reason?: string;
  /** Version of the trusted timestamp, root, and when the timestamp expires. */
  timestampVersion: number;
  rootVersion: number;
  expires: string;
}

/** A registry problem the person can act on: names the role or file and what was wrong. */
export class RegistryError extends KeelError {}

/** The publisher revoked the version asked for: its message carries the publisher's reason. */
export class RevokedError extends RegistryError {}

export interface Registry {
  readonly source: RegistrySource;
  /**
   * Updates the verified metadata from the source (TUF client workflow). When the source
   * cannot be reached but the cache verifies, works from the cache and says so (offline).
   * A verification failure always throws and leaves the cache as it was.
   */
  refresh(o?: { signal?: AbortSignal }): Promise<RefreshReport>;
  catalog(): Promise<CatalogEntry[]>;
  search(text: string): Promise<CatalogEntry[]>;
  /** Through the publisher's delegation; clear errors for unknown plugin, unknown version (list what exists), revoked. */
  resolve(name: string, version?: string): Promise<VerifiedTarget>;
  /** Never reads more than t.length bytes; sha256 checked; progress for a bar. */
  download(t: VerifiedTarget, o?: { onProgress?(done: number, total: number): void; signal?: AbortSignal }): Promise<Uint8Array>;
}

export interface OpenRegistryOptions {
  source: RegistrySource;
  /** `pluginPaths().metadataCache`: this registry keeps its verified metadata in `<cacheDir>/<source.id>/`. */
  cacheDir: string;
  /** Overall deadline for one refresh or download over HTTP (default 15 s). */
  deadlineMs?: number;
  /** The clock metadata expiry is judged by (tests move it). */
  now?: () => Date;
}
