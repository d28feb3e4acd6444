// The Registry: refresh (TUF workflow via tuf-js, then the catalog target), browse and search
// the verified catalog, resolve a plugin through its publisher's delegation, download an
// archive. Every verified pass runs on a scratch copy of the cache and is committed only
// when complete, so a hostile or broken registry changes nothing.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { sha256Hex } from "../install/tree-hash.ts";
import { CATALOG_TARGET, CatalogShell } from "./catalog-file.ts";
import { CatalogIndex } from "./catalog-search.ts";
import { downloadTarget } from "./download-target.ts";
import { explain, SourceUnreachableError } from "./explain.ts";
import { checkMetadataKeys } from "./key-checks.ts";
import { resolveTarget } from "./resolve-target.ts";
import { describeSource, embeddedAnchor, ROOT_MAX_LENGTH, transportFor } from "./source-access.ts";
import { embeddedFiles } from "./transport-embedded.ts";
import type { Transport } from "./transport.ts";
import { type Signed, TufSession } from "./tuf-session.ts";
import { replaceVerifiedTarget } from "./work-dir.ts";
import {
  type CatalogEntry,
  type OpenRegistryOptions,
  type RefreshReport,
  type Registry,
  RegistryError,
  type RegistrySource,
  type VerifiedTarget,
} from "./types.ts";

const DEFAULT_DEADLINE_MS = 15_000;
/** The verified catalog bytes, beside (not among) tuf-js's metadata files. */
const CATALOG_CACHE = join("targets", "catalog.json");
/** About five times a 10,000-plugin catalog (~1.2 KB a plugin). */
const CATALOG_MAX_LENGTH = 64 * 1024 * 1024;

/** Where a source's verified metadata lives under pluginPaths().metadataCache. */
export function registryCacheDir(cacheDir: string, source: RegistrySource): string {
  return join(cacheDir, source.id);
}

interface State {
  report: RefreshReport;
  index: CatalogIndex;
}

/** Shared with resolve and download: the registry's fixed facts and its per-call helpers. */
export interface RegistryContext {
  source: RegistrySource;
  dir: string;
  where: string;
  now: (() => Date) | undefined;
  transport(): Transport;
  deadline(signal?: AbortSignal): AbortSignal;
  /** The root to trust when the cache holds none. */
  anchor(signal: AbortSignal): Promise<Uint8Array | undefined>;
}

class TufRegistry implements Registry, RegistryContext {
  readonly source: RegistrySource;
  readonly dir: string;
  readonly where: string;
  readonly now: (() => Date) | undefined;
  private state: State | undefined;
  private cachedTransport: Transport | undefined;

  constructor(private readonly o: OpenRegistryOptions & { bundlePath?: string }) {
    this.source = o.source;
    this.dir = registryCacheDir(o.cacheDir, o.source);
    this.where = describeSource(o.source);
    this.now = o.now;
  }

  transport(): Transport {
    this.cachedTransport ??= transportFor(this.source, { bundlePath: this.o.bundlePath, deadlineMs: this.o.deadlineMs ?? DEFAULT_DEADLINE_MS });
    return this.cachedTransport;
  }

  deadline(signal?: AbortSignal): AbortSignal {
    const t = AbortSignal.timeout(this.o.deadlineMs ?? DEFAULT_DEADLINE_MS);
    return signal ? AbortSignal.any([signal, t]) : t;
  }

  async anchor(signal: AbortSignal): Promise<Uint8Array | undefined> {
    if (existsSync(join(this.dir, "root.json"))) return undefined;
    if (this.source.kind === "embedded") return embeddedAnchor(this.o.bundlePath);
    const first = await this.transport()
      .read("metadata/1.root.json", { maxLength: ROOT_MAX_LENGTH, signal })
      .catch((e) => {
        throw explain(e, this.where, "1.root.json");
      });
    if (!first) throw new RegistryError(`${this.where} has no metadata/1.root.json: it is not a keel registry (or not yet published)`);
    checkMetadataKeys(first, "1.root.json", this.where);
    return first;
  }

  private hasCache(): boolean {
    return existsSync(join(this.dir, "timestamp.json")) && existsSync(join(this.dir, "root.json"));
  }

  async refresh(o: { signal?: AbortSignal } = {}): Promise<RefreshReport> {
    const signal = this.deadline(o.signal);
    const kept = this.source.kind === "embedded" ? this.cacheNewerThanEmbedded() : undefined;
    if (kept) {
      this.state = await this.fromCache({ offline: false, reason: kept });
      return this.state.report;
    }
    try {
      this.state = await this.online(signal);
    } catch (e) {
      // The caller cancelling is not an outage: only an unreachable source lets the cache stand in.
      if (!(e instanceof SourceUnreachableError) || o.signal?.aborted || !this.hasCache()) throw e;
      this.state = await this.fromCache({ offline: true, reason: e.message.replace(`${this.where}: `, "") }).catch((cacheErr: Error) => {
        throw new RegistryError(`${e.message}; and the cache cannot stand in: ${cacheErr.message}`);
      });
    }
    return this.state.report;
  }

  /** Embedded metadata never replaces newer cached metadata (from a newer binary, say). */
  private cacheNewerThanEmbedded(): string | undefined {
    const version = (text: string | undefined) => {
      try {
        return (JSON.parse(text ?? "") as { signed: { version: number } }).signed.version;
      } catch {
        return undefined;
      }
    };
    const cached = version(existsSync(join(this.dir, "timestamp.json")) ? readFileSync(join(this.dir, "timestamp.json"), "utf8") : undefined);
    const b64 = embeddedFiles(this.o.bundlePath)["metadata/timestamp.json"];
    const embedded = version(b64 ? Buffer.from(b64, "base64").toString("utf8") : undefined);
    if (cached === undefined || embedded === undefined || cached <= embedded) return undefined;
    return `kept the cached metadata (timestamp v${cached}): it is newer than this binary's embedded registry (v${embedded})`;
  }

  /**
   * Whether the metadata keel would use verifies with no network: the embedded registry (or
   * the newer cache that stands in for it), else this source's cache. Writes nothing.
   */
  async verifyOffline(): Promise<RefreshReport> {
    if (this.source.kind === "embedded") {
      const kept = this.cacheNewerThanEmbedded();
      if (kept) return (await this.fromCache({ offline: false, reason: kept })).report;
      return (await this.online(this.deadline(), { commit: false })).report;
    }
    if (!this.hasCache()) throw new NothingCachedError(`${this.where}: nothing is cached yet (keel fetches it on first use, e.g. keel plugin search)`);
    return (await this.fromCache({ offline: true })).report;
  }

  private async online(signal: AbortSignal, o: { commit: boolean } = { commit: true }): Promise<State> {
    const session = TufSession.open({ cacheDir: this.dir, transport: this.transport(), anchor: await this.anchor(signal), where: this.where, signal, ...(this.now ? { now: this.now } : {}), cacheFirst: false });
    try {
      await session.run((u) => u.refresh());
      const catalog = await this.catalogBytes(session, signal);
      const state = this.stateOf(session, catalog, { offline: false });
      if (o.commit) {
        session.commit();
        replaceVerifiedTarget(join(this.dir, CATALOG_CACHE), catalog);
      }
      return state;
    } finally {
      session.dispose();
    }
  }

  /** Verifies the cache alone (no source): what offline use and `keel doctor` rely on. */
  private async fromCache(how: { offline: boolean; reason?: string }): Promise<State> {
    if (!this.hasCache()) throw new RegistryError(`${this.where}: nothing is cached yet`);
    const session = TufSession.open({ cacheDir: this.dir, transport: undefined, where: `${this.where} (cache)`, ...(this.now ? { now: this.now } : {}), cacheFirst: true });
    try {
      await session.run((u) => u.refresh());
      return this.stateOf(session, await this.catalogBytes(session, undefined), how);
    } finally {
      session.dispose();
    }
  }

  /** The catalog target as top-level targets signed it: from the cache if it matches, else the source. */
  private async catalogBytes(session: TufSession, signal: AbortSignal | undefined): Promise<Uint8Array> {
    const info = (session.signed("targets")?.targets as Record<string, { length: number; hashes: Record<string, string> }> | undefined)?.[CATALOG_TARGET];
    const hash = info?.hashes.sha256;
    if (!info || !hash) throw new RegistryError(`${this.where}: top-level targets lists no ${CATALOG_TARGET} (with a sha256)`);
    // Held and parsed in memory: a signed length past what any catalog needs is not worth reading.
    if (!(info.length <= CATALOG_MAX_LENGTH)) throw new RegistryError(`${this.where}: ${CATALOG_TARGET} is signed as ${info.length} bytes, over the ${CATALOG_MAX_LENGTH} a catalog may have; refused`);
    const cached = join(this.dir, CATALOG_CACHE);
    if (existsSync(cached)) {
      const bytes = new Uint8Array(readFileSync(cached));
      if (bytes.length === info.length && sha256Hex(bytes) === hash) return bytes;
    }
    if (!signal) throw new RegistryError(`${this.where}: the cached ${CATALOG_TARGET} is missing or out of date, and the registry is not being asked`);
    return downloadTarget(this, { path: CATALOG_TARGET, length: info.length, sha256: hash }, { signal });
  }

  private stateOf(session: TufSession, catalogBytes: Uint8Array, how: { offline: boolean; reason?: string }): State {
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(catalogBytes));
    } catch {
      throw new RegistryError(`${this.where}: ${CATALOG_TARGET} is not JSON`);
    }
    const parsed = CatalogShell.safeParse(json);
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      throw new RegistryError(`${this.where}: ${CATALOG_TARGET}: ${i?.path.join(".") || "(root)"}: ${i?.message}`);
    }
    const ts = session.signed("timestamp") as Signed;
    const root = session.signed("root") as Signed;
    return {
      report: { offline: how.offline, ...(how.reason ? { reason: how.reason } : {}), timestampVersion: ts.version, rootVersion: root.version, expires: ts.expires },
      index: new CatalogIndex(parsed.data.plugins, this.where),
    };
  }

  /** The verified state: this instance's last refresh, else a still-valid cache, else a refresh. */
  private async ensure(): Promise<State> {
    if (this.state) return this.state;
    if (this.source.kind === "http" && this.hasCache()) {
      this.state = await this.fromCache({ offline: false }).catch(() => undefined);
      if (this.state) return this.state;
    }
    await this.refresh();
    return this.state as unknown as State;
  }

  async catalog(): Promise<CatalogEntry[]> {
    return (await this.ensure()).index.all();
  }

  async search(text: string): Promise<CatalogEntry[]> {
    return (await this.ensure()).index.search(text);
  }

  async resolve(name: string, version?: string): Promise<VerifiedTarget> {
    const state = await this.ensure();
    const bare = name.includes("/") ? name.slice(name.indexOf("/") + 1) : name;
    const row = state.index.find(bare);
    if (!row || (name.includes("/") && !name.startsWith(`${row.latest.publisher}/`))) {
      const near = state.index.allNames().filter((n) => n.includes(bare) || bare.includes(n)).slice(0, 5);
      throw new RegistryError(`${this.where} has no plugin named ${JSON.stringify(name)}`, 1, near.length ? `did you mean ${near.join(", ")}?` : "keel plugin search <words> lists what there is");
    }
    return resolveTarget(this, row, version);
  }

  download(t: VerifiedTarget, o: { onProgress?(done: number, total: number): void; signal?: AbortSignal } = {}): Promise<Uint8Array> {
    return downloadTarget(this, t, { ...o, signal: this.deadline(o.signal) });
  }
}

/** Verifying before anything is cached is not a failure, just nothing to check yet. */
export class NothingCachedError extends RegistryError {}

export function openRegistry(o: OpenRegistryOptions & { /** Tests: another embedded bundle file. */ bundlePath?: string }): Registry {
  return new TufRegistry(o);
}

/** For `keel doctor`: does the metadata this source would use verify without the network? */
export function verifyRegistryOffline(o: OpenRegistryOptions & { bundlePath?: string }): Promise<RefreshReport> {
  return new TufRegistry(o).verifyOffline();
}
