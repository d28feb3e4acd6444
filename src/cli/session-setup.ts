// What every front end (headless `-p`, the REPL) does before the loop runs: the model
// client, the session (new or resumed) and its transcript, the permission gate, the
// sandbox, the hooks and the toolset. A front end adds only how it asks and how it shows.
import { VERSION } from "../version.ts";
import { type AgentOptions, type AskHandler, builtinTools, createTaskTool, parseToolList, type TaskToolDeps, type Tool } from "../engine/index.ts";
import type { JudgeModel } from "../hooks/index.ts";
import { clientConfigFrom, createClient, DEFAULT_MODEL, SMALL_MODEL, sdkSource, UNATTENDED_RETRY } from "../model/index.ts";
import type { PermissionGateImpl } from "../safety/index.ts";
import { findSession, latestSession, type LoadedSession, loadTranscript, openTranscript, transcriptPath } from "../session/index.ts";
import { KeelError } from "../errors.ts";
import type { HeadlessOptions } from "./headless-options.ts";
import type { HeadlessSettings } from "./headless-settings.ts";
import { agentHookExecutor } from "./agent-hook.ts";
import { permissionMode, sessionGate, sessionSandbox } from "./permission-gate.ts";
import { processSettings } from "./settings-context.ts";
import { sessionHooks } from "./session-hooks.ts";

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
  /** How this front end shows a warning or a hook's message. */
  notify(line: string): void;
  /** How this front end asks the person; absent: "ask" is a denial. */
  ask?(gate: PermissionGateImpl): AskHandler | undefined | Promise<AskHandler | undefined>;
}

/** The parts of a session request that come straight from the command line. */
export function fromOptions(
  opts: HeadlessOptions,
): Pick<SessionRequest, "model" | "permissionMode" | "allowedTools" | "disallowedTools" | "continue" | "resume" | "appendSystemPrompt" | "fallbackModel" | "unattended"> {
  return {
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
  const hooks = sessionHooks(await processSettings(), {
    transcriptPath: path,
    permissionMode: permissionMode(r.permissionMode, safety.defaultMode),
    judge: { model: client.messages as unknown as JudgeModel, name: r.settings?.smallModel ?? SMALL_MODEL },
    agent: agentHookExecutor({ source, model, ...(baseURL ? { baseURL } : {}) }),
    notify: r.notify,
  });
  const tools = toolset(r.disallowedTools, { source, model, ...(baseURL ? { baseURL } : {}), gate, hooks });

  const writer = openTranscript(path);
  const ts = new Date().toISOString();
  writer.append(prior ? { type: "resume", ts, model } : { type: "session", v: 1, id: sessionId, cwd: r.cwd, model, ts, version: VERSION });
  return {
    sessionId,
    model,
    ...(prior ? { prior } : {}),
    gate,
    writer,
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

function toolset(disallowed: readonly string[] | undefined, task: Omit<TaskToolDeps, "tools">): Tool[] {
  const denied = new Set(parseToolList(disallowed).filter((r) => !r.includes("(")));
  const base = builtinTools().filter((t) => !denied.has(t.name));
  // The sub-agent gets the same tools (bar Task) under the same permission gate.
  return denied.has("Task") ? base : [...base, createTaskTool({ ...task, tools: base }) as Tool];
}

function priorSession(r: SessionRequest): LoadedSession | undefined {
  if (r.resume) return loadTranscript(findSession(r.stateDir, r.cwd, r.resume));
  if (!r.continue) return undefined;
  const latest = latestSession(r.stateDir, r.cwd);
  if (!latest) throw new KeelError(`--continue: no earlier session in ${r.cwd}`);
  return loadTranscript(latest);
}
