// What every front end (headless `-p`, the REPL) does before the loop runs: the model
// client, the session (new or resumed) and its transcript, the permission gate, the
// sandbox, the hooks and the toolset. A front end adds only how it asks and how it shows.
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { LoadedSettings } from "../config/index.ts";
import { VERSION } from "../version.ts";
import { type AgentOptions, type AskHandler, builtinTools, createTaskTool, parseToolList, type TaskToolDeps, type Tool } from "../engine/index.ts";
import { type JudgeModel, type Watch, watchSession } from "../hooks/index.ts";
import { clientConfigFrom, createClient, DEFAULT_MODEL, SMALL_MODEL, sdkSource, UNATTENDED_RETRY } from "../model/index.ts";
import type { PermissionGateImpl } from "../safety/index.ts";
import { findSession, latestSession, type LoadedSession, loadTranscript, openTranscript, transcriptPath } from "../session/index.ts";
import { KeelError } from "../errors.ts";
import type { McpConnection, McpServerSpec } from "../mcp/index.ts";
import type { HeadlessOptions } from "./headless-options.ts";
import type { HeadlessSettings } from "./headless-settings.ts";
import { agentHookExecutor } from "./agent-hook.ts";
import { permissionMode, sessionGate, sessionSandbox } from "./permission-gate.ts";
import { processSettings } from "./settings-context.ts";
import { sessionHooks } from "./session-hooks.ts";
import { type SessionPlugins, sessionPlugins } from "./plugin-host.ts";

export interface SessionRequest {
  cwd: string;
  env: Record<string, string | undefined>;
  stateDir: string;
  settings?: Omit<HeadlessSettings, "stateDir">;
  model?: string;
  permissionMode?: string;
  allowedTools?: readonly string[];
  disallowedTools?: readonly string[];
  continue?: boolean;
  resume?: string;
  appendSystemPrompt?: string;
  fallbackModel?: string;
  /** Layer 7: keep retrying for hours (daemon and unattended runs). */
  unattended?: boolean;
  /** --plugin-dir: plugins loaded from a directory for this run (beside the installed ones). */
  pluginDirs?: readonly string[];
  /** How this front end shows a warning or a hook's message. */
  notify(line: string): void;
  /** How this front end asks the person; absent: "ask" is a denial. */
  ask?(gate: PermissionGateImpl): AskHandler | undefined | Promise<AskHandler | undefined>;
}

/** The parts of a session request that come straight from the command line. */
export function fromOptions(
  opts: HeadlessOptions,
): Pick<SessionRequest, "model" | "permissionMode" | "allowedTools" | "disallowedTools" | "continue" | "resume" | "appendSystemPrompt" | "fallbackModel" | "unattended" | "pluginDirs"> {
  return {
    ...(opts.pluginDirs?.length ? { pluginDirs: opts.pluginDirs } : {}),
    ...(opts.fallbackModel ? { fallbackModel: opts.fallbackModel } : {}),
    unattended: opts.unattended,
    ...(opts.model ? { model: opts.model } : {}),
    ...(opts.permissionMode ? { permissionMode: opts.permissionMode } : {}),
    allowedTools: opts.allowedTools,
    disallowedTools: opts.disallowedTools,
    continue: opts.continue,
    ...(opts.resume ? { resume: opts.resume } : {}),
    ...(opts.appendSystemPrompt ? { appendSystemPrompt: opts.appendSystemPrompt } : {}),
  };
}

export interface OpenSession {
  sessionId: string;
  model: string;
  prior?: LoadedSession;
  /** The loop's options minus what changes per prompt (prompt, history, signal). */
  agent: Omit<AgentOptions, "prompt" | "history" | "signal" | "resumed">;
  gate: PermissionGateImpl;
  writer: ReturnType<typeof openTranscript>;
  /** ConfigChange / FlagChanged: the settings files and flags the session follows; the front end closes it when the session ends. */
  watch: Watch;
  /** The session's MCP servers; the front end closes them when the session ends. */
  mcp: McpConnection;
  /** The session's plugins (commands, hosts); the front end closes their hosts when the session ends. */
  plugins: SessionPlugins;
}

export async function openSession(r: SessionRequest): Promise<OpenSession> {
  const clientConfig = clientConfigFrom(r.env, r.settings);
  // Fails here, before any session file exists, with the one line naming ANTHROPIC_API_KEY.
  const client = await createClient(clientConfig);
  const source = sdkSource(client);

  const prior = priorSession(r);
  const sessionId = prior?.id ?? crypto.randomUUID();
  const model = r.model ?? prior?.model ?? r.env.ANTHROPIC_MODEL ?? r.settings?.model ?? DEFAULT_MODEL;
  const path = prior?.path ?? transcriptPath(r.stateDir, r.cwd, sessionId);
  if (prior?.dropped.length) r.notify(`resuming ${sessionId}: dropped ${prior.dropped.join("; ")} (the turn in flight when it stopped)`);

  const safety = r.settings?.permissions ?? { projectRoot: r.cwd, rules: [] };
  const wrapCommand = sessionSandbox(safety, r.notify);
  const gate = sessionGate(safety, {
    ...(r.permissionMode ? { mode: r.permissionMode } : {}),
    allowedTools: parseToolList(r.allowedTools),
    disallowedTools: parseToolList(r.disallowedTools),
  });
  const ask = await r.ask?.(gate);
  const baseURL = clientConfig.baseURL;
  const fallback = r.fallbackModel ?? r.settings?.fallbackModel;
  // Plugins load from files only; a host process starts when something first asks it.
  const plugins = await sessionPlugins({ cwd: r.cwd, env: r.env, notify: r.notify, ...(r.pluginDirs ? { pluginDirs: r.pluginDirs } : {}) });
  const hooks = sessionHooks(await processSettings(), {
    pluginDefs: plugins.hookDefs,
    function: plugins.functionHook,
    transcriptPath: path,
    permissionMode: permissionMode(r.permissionMode, safety.defaultMode),
    judge: { model: client.messages as unknown as JudgeModel, name: r.settings?.smallModel ?? SMALL_MODEL },
    agent: agentHookExecutor({ source, model, ...(baseURL ? { baseURL } : {}) }),
    notify: r.notify,
  });
  // Tools are frozen for the session (prompt cache), so every server is up (or given up) first.
  const loaded = await processSettings();
  const mcp = await sessionMcp(loaded, { notify: r.notify, env: r.env, cwd: r.cwd, extra: plugins.mcpServers });
  const tools = toolset(r.disallowedTools, { source, model, ...(baseURL ? { baseURL } : {}), gate, hooks, agents: plugins.agents }, [...mcp.tools, ...plugins.tools]);

  let writer: ReturnType<typeof openTranscript>;
  try {
    writer = openTranscript(path);
  } catch (e) {
    await mcp.close();
    await plugins.close();
    throw e;
  }
  const watch = watchSession({ layers: loaded.layers, runner: hooks, sessionId, cwd: r.cwd, notify: r.notify, openFlags: sessionFlags });
  const ts = new Date().toISOString();
  writer.append(prior ? { type: "resume", ts, model } : { type: "session", v: 1, id: sessionId, cwd: r.cwd, model, ts, version: VERSION });
  return {
    sessionId,
    model,
    ...(prior ? { prior } : {}),
    gate,
    writer,
    watch,
    mcp,
    plugins,
    agent: {
      source,
      model,
      tools,
      cwd: r.cwd,
      sessionId,
      gate,
      hooks,
      ...(ask ? { ask } : {}),
      ...(wrapCommand ? { wrapCommand } : {}),
      settings: {
        ...(r.appendSystemPrompt ? { appendSystemPrompt: r.appendSystemPrompt } : {}),
        ...(r.settings?.userDir ? { userDir: r.settings.userDir } : {}),
        ...(r.settings?.prompt ? { prompt: r.settings.prompt } : {}),
        ...(plugins.promptProviders.length ? { promptProviders: plugins.promptProviders } : {}),
      },
      ...(baseURL ? { baseURL } : {}),
      ...(r.settings?.compaction ? { compaction: r.settings.compaction } : {}),
      retry: {
        ...(r.unattended ? UNATTENDED_RETRY : {}),
        ...(fallback ? { fallbackModel: fallback } : {}),
      },
    },
  };
}

function toolset(disallowed: readonly string[] | undefined, task: Omit<TaskToolDeps, "tools">, mcpTools: readonly Tool[] = []): Tool[] {
  const denied = new Set(parseToolList(disallowed).filter((r) => !r.includes("(")));
  const base = builtinTools().filter((t) => !denied.has(t.name));
  // `mcp__server` names a whole MCP server, as in permission rules.
  const mcp = mcpTools.filter((t) => !denied.has(t.name) && ![...denied].some((d) => d.startsWith("mcp__") && t.name.startsWith(`${d}__`)));
  // The sub-agent gets the same tools (bar Task) under the same permission gate; MCP tools come last.
  return denied.has("Task") ? [...base, ...mcp] : [...base, createTaskTool({ ...task, tools: [...base, ...mcp] }) as Tool, ...mcp];
}

/** The session's own flags (for FlagChanged), loaded only when such a hook exists. */
async function sessionFlags() {
  const [{ FlagSession, scanFlagArgs }, { flagContext }] = await Promise.all([import("../flags/index.ts"), import("./flags.ts")]);
  return FlagSession.open(flagContext(scanFlagArgs(process.argv.slice(2))));
}

function priorSession(r: SessionRequest): LoadedSession | undefined {
  if (r.resume) return loadTranscript(findSession(r.stateDir, r.cwd, r.resume));
  if (!r.continue) return undefined;
  const latest = latestSession(r.stateDir, r.cwd);
  if (!latest) throw new KeelError(`--continue: no earlier session in ${r.cwd}`);
  return loadTranscript(latest);
}

const NO_MCP: McpConnection = { tools: [], servers: [], close: async () => {} };

/** The session's MCP servers; with none configured anywhere, the MCP client is not even loaded. */
async function sessionMcp(
  loaded: LoadedSettings,
  o: { notify(line: string): void; env: Record<string, string | undefined>; cwd: string; extra: McpServerSpec[] },
): Promise<McpConnection> {
  const configured = o.extra.length > 0 || loaded.layers.some((l) => l.values.mcpServers !== undefined) || existsSync(join(loaded.paths.projectRoot, ".mcp.json"));
  if (!configured) return NO_MCP;
  const { openSessionMcp } = await import("../mcp/index.ts");
  return openSessionMcp(loaded, loaded.paths.projectRoot, o);
}
