// The ReAct loop as an async generator of engine events: the session around the turns
// (prompt, hooks, max turns, usage and cost, the closing session_end). Each turn runs
// five phases (turn.ts). Failures at the model boundary end the run as an `error`
// event, never as a throw.
import { addUsage, type ContentBlockParam, costUsd, emptyUsage, type MessageParam, type MessageSource, type RetryPolicy, retrying, type TokenUsage } from "../model/index.ts";
import type { AttachmentCollector } from "./attachments.ts";
import { Channel } from "./channel.ts";
import type { CompactionOptions } from "./compress.ts";
import { compiledContextPrep, type ContextPrep, type ContextSettings } from "./context-prep.ts";
import { withCwdTracking } from "./cwd-tracking.ts";
import type { EngineEvent, StopKind } from "./events.ts";
import type { ExecutorKind } from "./executors.ts";
import { appendUser, textOf } from "./history.ts";
import { type HookOutcome, type HookRunner, noHooks } from "./hooks.ts";
import { instructionsLoaded } from "./instructions-loaded.ts";
import { fallbackGuard } from "./model-switch.ts";
import type { AskHandler, PermissionGate } from "./permissions.ts";
import { createFileReadState, type FileReadState, stopBackgroundShells, type Tool, type WrapCommand } from "./tool-contract.ts";
import { TODO_TOOL, withTaskHooks } from "./task-hooks.ts";
import { runTurn, type TurnState } from "./turn.ts";

export interface AgentOptions {
  source: MessageSource;
  model: string;
  tools: readonly Tool[];
  cwd: string;
  sessionId: string;
  prompt: string | ContentBlockParam[];
  /** Earlier messages (a resumed session); must already be valid API history. */
  history?: readonly MessageParam[];
  resumed?: boolean;
  /** Model calls allowed before the run stops with error_max_turns. */
  maxTurns?: number;
  executor?: ExecutorKind;
  gate?: PermissionGate;
  hooks?: HookRunner;
  ask?: AskHandler;
  /** Aborting it interrupts the request and the running tools. */
  signal?: AbortSignal;
  settings?: ContextSettings;
  prepareContext?: ContextPrep;
  collectors?: readonly AttachmentCollector[];
  files?: FileReadState;
  store?: Map<string, unknown>;
  /** Named in connection errors. */
  baseURL?: string;
  /** The compression ladder's settings (settings.compaction). */
  compaction?: CompactionOptions;
  /** Retry policy for calls that fail before their stream opens (defaults: model/retry.ts). */
  retry?: Partial<RetryPolicy>;
  /** The sandbox's hook into Bash (safety/): rewrites the argv a tool spawns. */
  wrapCommand?: WrapCommand;
}

/** How many times Stop hooks may send the agent back to work in one run. */
const MAX_STOP_CONTINUES = 3;

export async function* runAgent(o: AgentOptions): AsyncGenerator<EngineEvent, void, undefined> {
  const started = performance.now();
  const session = new AbortController();
  const onAbort = () => session.abort();
  if (o.signal?.aborted) session.abort();
  o.signal?.addEventListener("abort", onAbort, { once: true });

  const hooks = o.hooks ?? noHooks;
  // Two built-in tools' moments are hook events (TaskCreated/TaskCompleted, CwdChanged).
  const withHooks = (t: Tool) => (t.name === TODO_TOOL ? withTaskHooks(t, hooks) : t.name === "Bash" ? withCwdTracking(t, hooks, o.cwd) : t);
  const toolMap = new Map(o.tools.map((t) => [t.name, withHooks(t)] as const));
  const messages: MessageParam[] = [...(o.history ?? [])];
  const files = o.files ?? createFileReadState();
  const store = o.store ?? new Map<string, unknown>();
  let usage: TokenUsage = emptyUsage();
  let cost = 0;
  let result = "";
  let numTurns = 0;
  let stop: StopKind = "success";
  let stopContinues = 0;
  let stopHookRan = false;
  let error: string | undefined;

  const ids = { sessionId: o.sessionId, cwd: o.cwd };
  const prepare = o.prepareContext ?? compiledContextPrep(instructionsLoaded(hooks, ids, "session_start", store));
  const state: TurnState = { o, session: session.signal, hooks, toolMap, messages, files, store, prepare, source: o.source, onRetry: () => {} };
  state.source = retrying(o.source, (n) => state.onRetry(n), o.retry, o.baseURL, fallbackGuard(hooks, ids));

  try {
    yield {
      type: "session_start",
      sessionId: o.sessionId,
      model: o.model,
      cwd: o.cwd,
      tools: [...toolMap.keys()],
      resumed: o.resumed === true,
    };
    const onStart = await hooks
      .run("SessionStart", { session_id: o.sessionId, cwd: o.cwd, hook_event_name: "SessionStart", source: o.resumed ? "resume" : "startup" })
      .catch(() => ({}) as HookOutcome);
    const prompt: ContentBlockParam[] = [
      ...(typeof o.prompt === "string" ? [{ type: "text" as const, text: o.prompt }] : o.prompt),
      ...(onStart.context ? [{ type: "text" as const, text: onStart.context }] : []),
    ];
    const submit = await hooks
      .run("UserPromptSubmit", { session_id: o.sessionId, cwd: o.cwd, hook_event_name: "UserPromptSubmit", prompt: textOf(prompt) })
      .catch(() => ({}) as HookOutcome);
    if (submit.block) {
      stop = "error_during_execution";
      error = `a UserPromptSubmit hook blocked the prompt: ${submit.block.reason}`;
      yield { type: "error", turn: 0, kind: "hook", message: error };
    } else {
      const extra: ContentBlockParam[] = submit.context ? [{ type: "text", text: submit.context }] : [];
      yield { type: "message", turn: 0, message: appendUser(messages, [...prompt, ...extra]) };

      for (;;) {
        if (session.signal.aborted) {
          stop = "interrupted";
          break;
        }
        const turn = ++numTurns;
        yield { type: "turn_start", turn };
        const channel = new Channel<EngineEvent>();
        const task = runTurn(turn, state, channel.push).finally(channel.close);
        for await (const ev of channel) {
          // A tool that called the model itself (Task) reports that spend; the session total includes it.
          const spent = ev.type === "tool_result" ? modelSpend(ev.display) : undefined;
          if (spent) {
            usage = addUsage(usage, spent.usage);
            cost += spent.costUsd;
          }
          yield ev;
        }
        const end = await task;
        if (end.final) {
          usage = addUsage(usage, end.final.usage);
          cost += costUsd(end.final.model, end.final.usage);
          const text = textOf(end.final.content);
          if (text) result = text;
          yield { type: "turn_end", turn, stopReason: end.final.stopReason, usage: end.final.usage, model: end.final.model };
        } else {
          yield { type: "turn_end", turn, stopReason: null, usage: emptyUsage(), model: o.model };
        }
        // A turn leaves its stream buffers and tool output behind: ask for a collection
        // now, off the hot path, rather than letting a long session's heap only grow.
        Bun.gc(false);
        if (end.kind === "done") {
          // A Stop hook may send the agent back to work (with a bound, so two hooks cannot loop forever).
          const stopHook = await hooks
            .run("Stop", { session_id: o.sessionId, cwd: o.cwd, hook_event_name: "Stop", stop_hook_active: stopContinues > 0 })
            .catch(() => ({}) as HookOutcome);
          stopHookRan = true;
          if (stopHook.block && stopContinues < MAX_STOP_CONTINUES && !(o.maxTurns !== undefined && turn >= o.maxTurns)) {
            stopContinues++;
            yield { type: "message", turn, message: appendUser(messages, [{ type: "text", text: `A Stop hook asks you to continue: ${stopHook.block.reason}` }]) };
            continue;
          }
          break;
        }
        if (end.kind === "error" || end.kind === "interrupted") {
          stop = end.kind === "error" ? "error_during_execution" : "interrupted";
          error = end.message;
          break;
        }
        if (o.maxTurns !== undefined && turn >= o.maxTurns) {
          stop = "error_max_turns";
          error = `stopped after ${turn} turn${turn === 1 ? "" : "s"} (--max-turns ${o.maxTurns})`;
          break;
        }
      }
    }
    if (stop !== "success") {
      await hooks.run("StopFailure", { session_id: o.sessionId, cwd: o.cwd, hook_event_name: "StopFailure", reason: stop, error: error ?? "" }).catch(() => ({}));
    } else if (!stopHookRan) {
      await hooks.run("Stop", { session_id: o.sessionId, cwd: o.cwd, hook_event_name: "Stop", stop_hook_active: false }).catch(() => ({}));
    }
    await hooks.run("SessionEnd", { session_id: o.sessionId, cwd: o.cwd, hook_event_name: "SessionEnd", reason: stop }).catch(() => ({}));
    yield {
      type: "session_end",
      sessionId: o.sessionId,
      stop,
      result,
      numTurns,
      durationMs: Math.round(performance.now() - started),
      usage,
      costUsd: Math.round(cost * 1e6) / 1e6,
      ...(error ? { error } : {}),
    };
  } finally {
    o.signal?.removeEventListener("abort", onAbort);
    // A consumer that stops early must not leave a request or a tool running.
    session.abort();
    // Background shells belong to the session's store; a caller that passed its own store keeps them.
    if (!o.store) await stopBackgroundShells(store).catch(() => undefined);
  }
}

/** Model usage a tool reports in its display data (`{ usage, costUsd }`), if any. */
function modelSpend(display: unknown): { usage: TokenUsage; costUsd: number } | undefined {
  const d = display as { usage?: TokenUsage; costUsd?: unknown } | undefined;
  if (!d || typeof d !== "object" || typeof d.costUsd !== "number" || !d.usage || typeof d.usage.input_tokens !== "number") return undefined;
  return { usage: d.usage, costUsd: d.costUsd };
}
