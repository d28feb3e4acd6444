// The plugin runtime at the command line (the host process itself starts from main.ts).
// `processPlugins` is this process's plugin runtime (installed plugins + --plugin-dir, gated by the flag
// snapshot), shared by the session, `/buddy` and `keel buddy`; `callPlugin` reaches a
// plugin's named calls through it.
import { existsSync } from "node:fs";
import { scanOption } from "../config/index.ts";
import type { SubagentType, Tool } from "../engine/index.ts";
import type { FlagValues } from "../flags/index.ts";
import type { HookDef, InjectedExecutor } from "../hooks/index.ts";
import type { McpServerSpec } from "../mcp/index.ts";
import type { PluginCommand, PluginRuntime, WidgetClient } from "../plugins/index.ts";
import type { SectionProvider } from "../prompt/index.ts";

/** `--plugin-dir <dir>` values (repeatable), read from argv like --settings: any command may use them. */
export const scanPluginDirs = (argv: readonly string[]): string[] => scanOption(argv, "--plugin-dir");

export interface PluginsOptions {
  cwd?: string;
  pluginDirs?: readonly string[];
  /** The flag snapshot; default: this process's (--flag, KEEL_FLAGS, the user file, the cache, the defaults). */
  flags?: FlagValues;
  env?: Record<string, string | undefined>;
  notify?: (line: string) => void;
}

/** A fresh runtime. Loading reads files only: no host starts until something is asked of it. */
export async function openPlugins(o: PluginsOptions = {}): Promise<PluginRuntime> {
  const [{ PluginRuntime, pluginPaths }, { installId }, { processFlags }, { processSettings }] = await Promise.all([
    import("../plugins/index.ts"),
    import("../config/index.ts"),
    import("./flags.ts"),
    import("./settings-context.ts"),
  ]);
  const loaded = await processSettings();
  const argv = process.argv.slice(2);
  const flags = o.flags ?? (await processFlags()).snapshot;
  const env = o.env ?? process.env;
  const sandbox = loaded.settings.sandbox?.enabled;
  const runtime = new PluginRuntime({
    paths: pluginPaths(loaded.paths),
    pluginDirs: o.pluginDirs ?? scanPluginDirs(argv),
    flags,
    cwd: o.cwd ?? process.cwd(),
    projectDir: loaded.paths.projectRoot,
    installId: () => installId(loaded.paths, env),
    env,
    ...(sandbox !== undefined ? { sandbox } : {}),
    ...(o.notify ? { notify: o.notify } : {}),
  });
  return runtime;
}

let shared: Promise<PluginRuntime> | undefined;

/** This process's runtime, opened once; the session opens it with its own notify and flags. */
export function processPlugins(o: PluginsOptions = {}): Promise<PluginRuntime> {
  return (shared ??= openPlugins(o));
}

/**
 * A host module's `calls[name](params, ctx)` in `plugin`'s host (started on first use):
 * `await callPlugin("buddy", "card", {})`. Rejects with a PluginHostError naming the plugin
 * when it is unknown, disabled (flag off), has no host, throws, crashes or times out.
 */
export async function callPlugin(plugin: string, name: string, params?: unknown, o: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<unknown> {
  return (await processPlugins()).call(plugin, name, params, o);
}

/** What a session takes from its plugins, each part in the shape its consumer wants. */
export interface SessionPlugins {
  /** Absent when nothing is installed and no --plugin-dir was given: then no plugin code loads. */
  runtime?: PluginRuntime;
  hookDefs: HookDef[];
  functionHook: InjectedExecutor;
  /** Host-module tools (plugin__<plugin>__<tool>). */
  tools: Tool[];
  /** Plugin MCP servers, for src/mcp's openSessionMcp `extra`. */
  mcpServers: McpServerSpec[];
  /** Task sub-agent kinds from agents/*.md. */
  agents: SubagentType[];
  /** Static and dynamic prompt sections and the skills list (dynamic ones rendered now). */
  promptProviders: SectionProvider[];
  commands: PluginCommand[];
  /** `/name args` → that plugin command's prompt and its `allowed-tools`; undefined when no plugin command has the name. */
  expand(line: string): { prompt: string; name: string; allowedTools: readonly string[] } | undefined;
  /** The client that feeds plugin widgets to the UI, when a plugin draws any. */
  widgets(o: ConstructorParameters<typeof WidgetClient>[1]): WidgetClient | undefined;
  /** Stops the hosts this session started. */
  close(): Promise<void>;
}

const NO_PLUGINS: SessionPlugins = {
  hookDefs: [],
  functionHook: async () => ({ notice: "no plugin is loaded in this session" }),
  tools: [],
  mcpServers: [],
  agents: [],
  promptProviders: [],
  commands: [],
  expand: () => undefined,
  widgets: () => undefined,
  close: async () => {},
};

/** The --plugin-dir values in force, or undefined when there is nothing to load (no dir given, nothing installed). */
async function pluginDirsIfAny(o: PluginsOptions): Promise<string[] | undefined> {
  const dirs = o.pluginDirs ?? scanPluginDirs(process.argv.slice(2));
  const [{ pluginLockfile }, { processSettings }] = await Promise.all([import("../config/index.ts"), import("./settings-context.ts")]);
  return dirs.length || existsSync(pluginLockfile((await processSettings()).paths.stateDir)) ? [...dirs] : undefined;
}

/** The hooks every loaded plugin contributes (`keel hooks list`); files only, no host starts. */
export async function pluginHookDefs(o: PluginsOptions = {}): Promise<HookDef[]> {
  const dirs = await pluginDirsIfAny(o);
  if (!dirs) return [];
  const runtime = await openPlugins({ ...o, pluginDirs: dirs });
  return runtime.contributions().hooks;
}

/** The session's plugins; the runtime becomes this process's, so `/buddy` and callPlugin reach the same hosts. */
export async function sessionPlugins(o: PluginsOptions): Promise<SessionPlugins> {
  const dirs = await pluginDirsIfAny(o);
  // The common case, nothing installed: the session loads no manifest schemas, installer or host code.
  if (!dirs) return NO_PLUGINS;
  const runtime = await openPlugins({ ...o, pluginDirs: dirs });
  shared = Promise.resolve(runtime);
  const [{ expandCommand, functionHookExecutor, hostTools, pluginSections, WidgetClient }, { pluginSectionProviders }] = await Promise.all([
    import("../plugins/index.ts"),
    import("../prompt/index.ts"),
  ]);
  const c = runtime.contributions();
  const promptProviders: SectionProvider[] = [];
  for (const [plugin, declared] of await pluginSections(runtime, o.notify)) {
    try {
      promptProviders.push(...pluginSectionProviders(plugin, declared));
    } catch (e) {
      o.notify?.((e as Error).message);
    }
  }
  return {
    runtime,
    hookDefs: c.hooks,
    functionHook: functionHookExecutor(runtime),
    tools: hostTools(runtime),
    mcpServers: c.mcpServers.map((m) => ({ name: m.name, config: m.config, source: m.source, pluginRoot: m.pluginRoot })),
    agents: c.agents.map((a) => ({ name: a.name, description: a.description, prompt: a.prompt, ...(a.tools ? { tools: a.tools } : {}), ...(a.model ? { model: a.model } : {}) })),
    promptProviders,
    commands: c.commands,
    expand: (line) => {
      const e = expandCommand(c.commands, line);
      return e && { prompt: e.prompt, name: `${e.command.plugin}:${e.command.name}`, allowedTools: e.command.allowedTools ?? [] };
    },
    widgets: (w) => (c.widgets.length ? new WidgetClient(runtime, w) : undefined),
    close: () => runtime.close(),
  };
}

/** Stops every host this process started (front ends call it when the session ends). */
export async function closePlugins(): Promise<void> {
  const s = shared;
  shared = undefined;
  if (s) await (await s).close();
}
