// A session's flags: gathers every source, resolves them once into a typed snapshot,
// and re-resolves on refresh or remote push, telling listeners what changed.
import { join } from "node:path";
import type { Attributes } from "@growthbook/growthbook";
import { VERSION } from "../version.ts";
import { EMBEDDED_PAYLOAD, type FlagKey, type FlagValues } from "./catalog.ts";
import { payloadLayers } from "./evaluate.ts";
import { diffSnapshots, FlagEvents, type FlagListener } from "./events.ts";
import { installId, readUserOverrides, USER_FILE } from "./files.ts";
import { parseAssignments, parseEnvFlags, type Overrides } from "./overrides.ts";
import type { RemoteConfig, RemoteState } from "./remote.ts";
import { explain, type FlagState, type Layer, mapLayer, resolveAll, type TrailEntry } from "./resolve.ts";
import { type FlagSettings, parseFlagSettings, remoteConfigured } from "./settings.ts";

export interface FlagPaths {
  /** User config dir: holds the override file written by `keel flags set`. */
  configDir: string;
  /** Cache dir: holds the last remote payload. */
  cacheDir: string;
  /** State dir: holds the install id. */
  stateDir: string;
}

export interface FlagContext {
  paths: FlagPaths;
  /** The raw `flags` section of the merged settings. */
  settings?: unknown;
  /** Environment to read KEEL_FLAGS from; process.env when absent. */
  env?: Record<string, string | undefined>;
  /** The values of every `--flag k=v` on the command line. */
  cliFlags?: readonly string[];
  fetch?: typeof fetch;
  now?: () => number;
}

export interface OpenOptions {
  /** Ask the remote host (within settings.flags.timeoutMs); otherwise only its disk cache is read. */
  network?: boolean;
}

export const userFile = (paths: FlagPaths) => join(paths.configDir, USER_FILE);

export function flagAttributes(ctx: FlagContext, settings: FlagSettings): Attributes {
  const id = installId(ctx.paths.stateDir);
  return { id, installId: id, version: VERSION, platform: process.platform, arch: process.arch, ...settings.attributes };
}

export class FlagSession {
  readonly events = new FlagEvents();
  #stopSync: (() => void) | undefined;
  #queue: Promise<void> = Promise.resolve();

  private constructor(
    private readonly ctx: FlagContext,
    readonly settings: FlagSettings,
    /** The resolved values: `snapshot.kairos` is a plain property read. */
    public snapshot: FlagValues,
    public states: Readonly<Record<FlagKey, FlagState>>,
    private layers: Layer[],
    public remote: RemoteState | undefined,
  ) {}

  static async open(ctx: FlagContext, opts: OpenOptions = {}): Promise<FlagSession> {
    const settings = await parseFlagSettings(ctx.settings);
    const remote = await gatherRemote(ctx, settings, opts.network ?? false);
    const { layers, resolved } = await resolveLayers(ctx, settings, remote);
    return new FlagSession(ctx, settings, resolved.values, resolved.states, layers, remote);
  }

  /** Every source in precedence order and what it said about `key`. */
  explain(key: FlagKey): TrailEntry[] {
    const trail = explain(key, this.layers);
    // A configured remote with nothing to say (unreachable, no cache) still gets its line.
    if (this.remote && !trail.some((t) => t.source === "remote")) {
      trail.splice(trail.length - 1, 0, { source: "remote", origin: this.remote.origin, won: false });
    }
    return trail;
  }

  on(listener: FlagListener): () => void {
    return this.events.on(listener);
  }

  /** Re-reads every source (the remote over the network) and emits FlagChanged for each difference. */
  async refresh(): Promise<void> {
    await this.#apply(await gatherRemote(this.ctx, this.settings, true));
  }

  /** Follows the remote (interval re-fetch, SSE when offered) until close(). */
  async startSync(onError?: (err: unknown) => void): Promise<void> {
    if (this.#stopSync || !remoteConfigured(this.settings)) return;
    const { startRemoteSync } = await import("./remote.ts");
    this.#stopSync ??= startRemoteSync(this.settings as RemoteConfig, remoteDeps(this.ctx), this.remote?.sse ?? false, {
      onState: (state) => void this.#apply(state).catch((e) => onError?.(e)),
      ...(onError && { onError }),
    });
  }

  close(): void {
    this.#stopSync?.();
    this.#stopSync = undefined;
  }

  /** Applies updates one at a time, so a slow resolution never lands after a newer one. */
  #apply(remote: RemoteState | undefined): Promise<void> {
    const next = this.#queue.then(() => this.#applyNow(remote));
    this.#queue = next.catch(() => {});
    return next;
  }

  async #applyNow(remote: RemoteState | undefined): Promise<void> {
    const { layers, resolved } = await resolveLayers(this.ctx, this.settings, remote);
    const before = this.snapshot;
    this.snapshot = resolved.values;
    this.states = resolved.states;
    this.layers = layers;
    this.remote = remote;
    for (const change of diffSnapshots(before, resolved.values, resolved.states)) this.events.emit(change);
  }
}

const remoteDeps = (ctx: FlagContext) => ({
  cacheDir: ctx.paths.cacheDir,
  ...(ctx.fetch && { fetch: ctx.fetch }),
  ...(ctx.now && { now: ctx.now }),
});

async function gatherRemote(ctx: FlagContext, settings: FlagSettings, network: boolean): Promise<RemoteState | undefined> {
  if (!remoteConfigured(settings)) return undefined;
  const c = settings as RemoteConfig;
  // The remote client (and zod for its payloads) loads only when a remote is configured.
  const { cachedRemote, loadRemote } = await import("./remote.ts");
  return network ? loadRemote(c, remoteDeps(ctx)) : cachedRemote(c, remoteDeps(ctx));
}

export interface LocalOverrides {
  cli: Overrides;
  env: Overrides;
  user: Overrides;
}

export function readLocalOverrides(ctx: FlagContext): LocalOverrides {
  return {
    cli: parseAssignments(ctx.cliFlags ?? [], "--flag"),
    env: parseEnvFlags((ctx.env ?? process.env).KEEL_FLAGS),
    user: readUserOverrides(userFile(ctx.paths)),
  };
}

async function resolveLayers(ctx: FlagContext, settings: FlagSettings, remote: RemoteState | undefined) {
  const local = readLocalOverrides(ctx);
  const payload = await payloadLayers({
    embedded: EMBEDDED_PAYLOAD,
    ...(remote?.payload && { remote: { payload: remote.payload, origin: remote.origin } }),
    attributes: () => flagAttributes(ctx, settings),
    forced: { ...local.user, ...local.env, ...local.cli },
  });
  const layers: Layer[] = [
    mapLayer("flag", "--flag", local.cli),
    mapLayer("env", "KEEL_FLAGS", local.env),
    mapLayer("user", userFile(ctx.paths), local.user),
    ...payload,
  ];
  return { layers, resolved: resolveAll(layers) };
}
