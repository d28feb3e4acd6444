// Adapts a Transport to tuf-js's Fetcher. tuf-js asks for URLs under a fixed fake base; the
// fetcher maps them back to registry-relative paths, checks keys maps before tuf-js counts
// signatures (key-checks.ts), and remembers the file in flight and the first failure, which
// tuf-js would otherwise flatten into a string.
import type { Fetcher } from "tuf-js";
import { DownloadHTTPError } from "tuf-js/dist/error.js";
import { checkMetadataKeys } from "./key-checks.ts";
import { type Transport, UnreachableError } from "./transport.ts";
import { RegistryError } from "./types.ts";

export const METADATA_BASE = "https://keel-registry.invalid/metadata/";

export class TufFetcher implements Fetcher {
  /** The last registry file asked for (what a verification failure is about). */
  current: string | undefined;
  /** The first transport or key-check error, rethrown in place of tuf-js's wrapper. */
  failure: unknown;

  constructor(
    private readonly transport: Transport | undefined,
    private readonly signal: AbortSignal | undefined,
    private readonly where: string,
    /** Offline: why the cached copy of a role no longer stands (tuf-js swallows the reason). */
    private readonly cachedProblem: (role: string) => string = (role) => `the cached ${role} metadata does not verify`,
  ) {}

  async downloadBytes(url: string, maxLength: number): Promise<Buffer> {
    if (!url.startsWith(METADATA_BASE)) throw new Error(`unexpected metadata URL ${url}`);
    const rel = `metadata/${decodeURIComponent(url.slice(METADATA_BASE.length))}`;
    this.current = rel.slice("metadata/".length);
    // No transport: verifying the cache offline. A newer root is simply absent; asking for
    // anything else means the cached copy failed a check, and that is the error.
    if (!this.transport) {
      if (/^\d+\.root\.json$/.test(this.current)) throw new DownloadHTTPError(`${rel} (offline)`, 404);
      const role = this.current.replace(/^\d+\./, "").replace(/\.json$/, "");
      const e = new RegistryError(`${this.where}: ${this.cachedProblem(decodeURIComponent(role))}, and the registry is not being asked`);
      this.failure ??= e;
      throw e;
    }
    let bytes: Uint8Array | undefined;
    try {
      bytes = await this.transport.read(rel, { maxLength, ...(this.signal ? { signal: this.signal } : {}) });
      if (bytes) checkMetadataKeys(bytes, this.current, this.where);
    } catch (e) {
      this.failure ??= e;
      throw e;
    }
    if (!bytes) {
      // No timestamp at all: the registry is not there (a wrong URL, an unmounted directory),
      // which a verified cache may stand in for, like any outage.
      if (rel === "metadata/timestamp.json") {
        this.failure ??= new UnreachableError(`${this.transport.where(rel)} does not exist (is this a keel registry?)`);
        throw this.failure;
      }
      throw new DownloadHTTPError(`${rel} not found`, 404);
    }
    return Buffer.from(bytes);
  }

  async downloadFile<T>(url: string, maxLength: number, handler: (file: string) => Promise<T>): Promise<T> {
    const { mkdtemp, rm, writeFile } = await import("node:fs/promises");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const dir = await mkdtemp(join(tmpdir(), "keel-tuf-"));
    try {
      const file = join(dir, "download");
      await writeFile(file, await this.downloadBytes(url, maxLength));
      return await handler(file);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}
