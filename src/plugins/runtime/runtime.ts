// A session's plugins: what the enabled ones contribute, and one lazily started host per
// plugin with host modules. `call` is the entry point for named calls (buddy's `card`);
// tools, function hooks, dynamic prompt sections and widgets all go through `host()`.
import { HOST_METHODS, type PluginPaths } from "../contracts.ts";
import type { FlagValues } from "../../flags/index.ts";
import { type Backoff, PluginHost, PluginHostError } from "../host/client.ts";
import { hostCommand } from "../host/command.ts";
import { discoverPlugins } from "./discover.ts";
import { emptyContributions, type LoadedPlugin, type PluginContributions } from "./types.ts";

export interface RuntimeOptions {
  paths: PluginPaths;
  pluginDirs?: readonly string[];
  flags: FlagValues;
  cwd: string;
  /** The project root: writable inside a host's sandbox only with `write-files`. */
  projectDir: string;
  /** The account or install id (ctx.installId); a function defers creating the id file until a host needs it. */
  installId: string | (() => string);
  env?: Record<string, string | undefined>;
  /** settings.sandbox.enabled: false runs hosts plainly. */
  sandbox?: boolean;
  timeoutMs?: number;
  backoff?: Partial<Backoff>;
  notify?: (line: string) => void;
}

export class PluginRuntime {
  readonly plugins: readonly LoadedPlugin[];
  /** Problems found while loading (bad manifests, changed trees, unreadable files). */
  readonly notices: readonly string[];
  readonly #o: RuntimeOptions;
  readonly #hosts = new Map<string, PluginHost>();

  constructor(o: RuntimeOptions) {
    this.#o = o;
    const { plugins, notices } = discoverPlugins({ paths: o.paths, flags: o.flags, cwd: o.cwd, ...(o.pluginDirs ? { pluginDirs: o.pluginDirs } : {}) });
    this.plugins = plugins;
    this.notices = notices;
    for (const n of notices) o.notify?.(n);
  }

  get enabled(): LoadedPlugin[] {
    return this.plugins.filter((p) => p.enabled);
  }

  /** Everything the enabled plugins contribute, merged in plugin order. */
  contributions(): PluginContributions {
    const out = emptyContributions();
    for (const p of this.enabled) {
      for (const k of Object.keys(out) as (keyof PluginContributions)[]) (out[k] as unknown[]).push(...(p.contributions[k] as unknown[]));
    }
    return out;
  }

  plugin(name: string): LoadedPlugin | undefined {
    return this.plugins.find((p) => p.name === name);
  }

  /** The plugin's host, created (not started) on first ask; it starts on its first request. */
  host(name: string): PluginHost {
    const existing = this.#hosts.get(name);
    if (existing) return existing;
    const p = this.plugin(name);
    if (!p) throw new PluginHostError(`no plugin named ${name} (known: ${this.plugins.map((x) => x.name).join(", ") || "none"})`);
    if (!p.enabled) throw new PluginHostError(`plugin ${name} is disabled: ${p.disabled ?? "unknown reason"}`);
    if (!p.contributions.hostModules.length) throw new PluginHostError(`plugin ${name} has no host modules (contributes.hostModules)`);
    const o = this.#o;
    let installId: string;
    try {
      installId = typeof o.installId === "function" ? o.installId() : o.installId;
    } catch (e) {
      throw new PluginHostError(`plugin ${name}: no install id for its host: ${(e as Error).message}`);
    }
    const host = new PluginHost({
      plugin: name,
      init: { plugin: name, pluginRoot: p.root, modules: p.contributions.hostModules, installId, cwd: o.cwd },
      command: () =>
        hostCommand({
          plugin: name,
          pluginRoot: p.root,
          capabilities: p.capabilities,
          cwd: o.cwd,
          projectDir: o.projectDir,
          env: o.env ?? process.env,
          ...(o.sandbox !== undefined ? { sandbox: o.sandbox } : {}),
          ...(o.notify ? { notify: o.notify } : {}),
        }),
      ...(o.timeoutMs ? { timeoutMs: o.timeoutMs } : {}),
      ...(o.backoff ? { backoff: o.backoff } : {}),
      ...(o.notify ? { notify: o.notify } : {}),
    });
    this.#hosts.set(name, host);
    return host;
  }

  /** A host module's `calls[name](params, ctx)`: e.g. `call("buddy", "card", {})`. */
  call(plugin: string, name: string, params?: unknown, o: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<unknown> {
    return this.host(plugin).request(HOST_METHODS.call, { name, params }, o);
  }

  /** Hosts that were started at least once (a plugin never used never gets a process). */
  get startedHosts(): PluginHost[] {
    return [...this.#hosts.values()].filter((h) => h.starts > 0);
  }

  async close(): Promise<void> {
    await Promise.all([...this.#hosts.values()].map((h) => h.close()));
  }
}
