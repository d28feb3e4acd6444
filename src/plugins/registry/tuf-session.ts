// One verified pass of the TUF client workflow, run by tuf-js over a scratch copy of the cache
// (work-dir.ts). Online: root chain, timestamp, snapshot, targets from the source. Cache-first:
// whatever the cache still verifies, the rest from the source. Offline: the cache alone.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Updater } from "tuf-js";
import { explain } from "./explain.ts";
import type { Transport } from "./transport.ts";
import { METADATA_BASE, TufFetcher } from "./tuf-fetcher.ts";
import { installLinearModels } from "./tuf-linear.ts";
import { openWorkDir, type WorkDir } from "./work-dir.ts";

export interface SessionOptions {
  /** The registry's own cache directory. */
  cacheDir: string;
  /** Undefined: offline, verify the cache only. */
  transport: Transport | undefined;
  /** The initial trusted root, used only when the cache has none. */
  anchor?: Uint8Array | undefined;
  /** Names the registry in errors. */
  where: string;
  signal?: AbortSignal;
  now?: () => Date;
  /** Trust still-valid cached metadata instead of asking the source for a new timestamp. */
  cacheFirst: boolean;
}

/** Metadata as tuf-js persisted it: the signed part, already verified when we read it. */
export type Signed = Record<string, unknown> & { version: number; expires: string };

export class TufSession {
  private constructor(
    readonly updater: Updater,
    private readonly work: WorkDir,
    readonly fetcher: TufFetcher,
    private readonly where: string,
  ) {}

  static open(o: SessionOptions): TufSession {
    installLinearModels();
    const work = openWorkDir(o.cacheDir, o.anchor ? { name: "root.json", bytes: o.anchor } : undefined);
    const fetcher = new TufFetcher(o.transport, o.signal, o.where, (role) => cachedProblem(work.dir, role, o.now?.() ?? new Date()));
    try {
      const updater = new Updater({ metadataDir: work.dir, metadataBaseUrl: METADATA_BASE, fetcher, forceCache: o.cacheFirst });
      // tuf-js fixes its clock when the Updater is made and offers no option for it; expiry
      // must be judged by the injected clock, so set the store's reference time directly.
      if (o.now) (updater as unknown as { trustedSet: { referenceTime: Date } }).trustedSet.referenceTime = o.now();
      return new TufSession(updater, work, fetcher, o.where);
    } catch (e) {
      work.dispose();
      throw explain(e, o.where, "root.json (trusted root)");
    }
  }

  /** Runs tuf-js work, turning its errors into RegistryErrors that name the file. */
  async run<T>(fn: (u: Updater) => Promise<T>): Promise<T> {
    this.fetcher.failure = undefined;
    try {
      return await fn(this.updater);
    } catch (e) {
      throw explain(this.fetcher.failure ?? e, this.where, this.fetcher.current);
    }
  }

  /** A verified metadata file from this pass (root, timestamp, snapshot, targets, a publisher). */
  signed(role: string): Signed | undefined {
    try {
      return (JSON.parse(readFileSync(join(this.work.dir, `${encodeURIComponent(role)}.json`), "utf8")) as { signed: Signed }).signed;
    } catch {
      return undefined;
    }
  }

  commit(): void {
    this.work.commit();
  }

  dispose(): void {
    this.work.dispose();
  }
}

/** Why a cached role no longer verifies, as far as can be told without tuf-js's swallowed error. */
function cachedProblem(dir: string, role: string, now: Date): string {
  try {
    const signed = (JSON.parse(readFileSync(join(dir, `${encodeURIComponent(role)}.json`), "utf8")) as { signed: Signed }).signed;
    if (new Date(signed.expires) <= now) return `the cached ${role} metadata expired on ${signed.expires} (freeze protection: only the registry can renew it)`;
    return `the cached ${role} metadata (v${signed.version}) does not verify against the cached metadata above it`;
  } catch {
    return `${role} metadata is not cached`;
  }
}
