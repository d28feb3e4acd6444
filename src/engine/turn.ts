// One turn of the loop, its phases in order: (1) context prep, (2) the streaming call,
// with tools started by the executor as their blocks complete, (3) every result in
// tool_use order, (4) attachments for the next call, (5) whether to continue.
import {
  type ContentBlockParam,
  describeModelError,
  type FinalMessage,
  type MessageParam,
  type MessageSource,
  type RequestParams,
  type RetryNotice,
  addUsage,
  streamMessage,
} from "../model/index.ts";
import { isPromptTooLong } from "../context/index.ts";
import { type AttachmentCollector, defaultCollectors } from "./attachments.ts";
import { compactNow, prepareHistory } from "./compress.ts";
import type { ContextPrep } from "./context-prep.ts";
import type { EngineEvent } from "./events.ts";
import { trackedCwd } from "./cwd-tracking.ts";
import { createExecutor } from "./executors.ts";
import { appendUser, toParam } from "./history.ts";
import type { HookRunner } from "./hooks.ts";
import type { AgentOptions } from "./loop.ts";
import { allowAll } from "./permissions.ts";
import type { FileReadState, Tool, ToolContext } from "./tool-contract.ts";

/** What a turn shares with the session around it. */
export interface TurnState {
  o: AgentOptions;
  /** Aborted on interrupt (or when the consumer stops early). */
  session: AbortSignal;
  hooks: HookRunner;
  toolMap: ReadonlyMap<string, Tool>;
  /** The live history; the turn appends to it. */
  messages: MessageParam[];
  files: FileReadState;
  store: Map<string, unknown>;
  /** Phase 1 for this run (one prompt session per run). */
  prepare: ContextPrep;
  /** The model, behind the run's retry policy (a fallback holds for the whole run). */
  source: MessageSource;
  /** Where that source's retry notices go: set by the turn in progress. */
  onRetry: (n: RetryNotice) => void;
  /** Set once a reply hit max_tokens: later calls of the run use the raised ceiling. */
  outputCeiling?: number;
}

/** Layer 3's bounds: how often a cut-off reply is continued, and the ceiling it is raised to. */
export const MAX_OUTPUT_RECOVERIES = 3;
export const RAISED_MAX_TOKENS = 64_000;
/** A stream cut mid-reply is asked for again this many times. */
const MAX_CUT_RETRIES = 2;

/** A reply cut off mid-text, with no tool call started, can be continued where it stopped. */
function canContinue(m: FinalMessage, calls: number): boolean {
  const last = m.content.at(-1);
  return m.stopReason === "max_tokens" && calls === 0 && last?.type === "text" && last.text.trim() !== "";
}

/** The API refuses a prefill that ends in whitespace; the continuation supplies its own. */
function trimTrailingText(m: FinalMessage): FinalMessage {
  const last = m.content.at(-1);
  if (last?.type !== "text") return m;
  return { ...m, content: [...m.content.slice(0, -1), { ...last, text: last.text.trimEnd() }] };
}

function joinContinuation(a: FinalMessage, b: FinalMessage): FinalMessage {
  const [head, ...rest] = b.content;
  const last = a.content.at(-1);
  const content =
    last?.type === "text" && head?.type === "text"
      ? [...a.content.slice(0, -1), { ...last, text: last.text + head.text }, ...rest]
      : [...a.content, ...b.content];
  return { ...a, content, model: b.model, stopReason: b.stopReason, usage: addUsage(a.usage, b.usage) };
}

export type TurnEnd =
  | { kind: "continue" | "done"; final: FinalMessage }
  | { kind: "error" | "interrupted"; message: string; final?: FinalMessage };

export async function runTurn(turn: number, s: TurnState, emit: (e: EngineEvent) => void): Promise<TurnEnd> {
  const { o, files, store, hooks, messages } = s;
  const ac = new AbortController();
  const stopTurn = () => ac.abort();
  if (s.session.aborted) ac.abort();
  s.session.addEventListener("abort", stopTurn, { once: true });
  const ctx: ToolContext = {
    // A `cd` in an earlier Bash command may have moved the session's tools (cwd-tracking.ts).
    cwd: trackedCwd(store) ?? o.cwd,
    signal: ac.signal,
    files,
    sessionId: o.sessionId,
    store,
    ...(o.wrapCommand ? { wrapCommand: o.wrapCommand } : {}),
  };
  const executor = createExecutor(o.executor ?? "streaming", {
    tools: s.toolMap,
    ctx,
    gate: o.gate ?? allowAll,
    hooks,
    ...(o.ask ? { ask: o.ask } : {}),
    turn,
    emit,
  });
  try {
    // Phase 1: the compression ladder, then context prep (the prompt compiler).
    await prepareHistory(s, turn, emit, ac.signal);
    const prepare = () => s.prepare({ model: o.model, messages, tools: o.tools, cwd: o.cwd, settings: o.settings ?? {} });
    let params = await prepare();

    // Phase 2: the streaming call; the executor starts tools as their blocks complete.
    let calls = 0;
    // Recovery layers 1, 2, 6, 7 live in the run's retrying source; its notices land in this turn.
    s.onRetry = (n) => emit({ type: "retry", turn, attempt: n.attempt, reason: n.reason, delayMs: n.delayMs });
    let opened = false;
    const call = async (p: RequestParams): Promise<FinalMessage | undefined> => {
      let out: FinalMessage | undefined;
      for await (const ev of streamMessage(s.source, p, ac.signal)) {
        opened = true;
        if (ev.type === "text_delta") emit({ type: "text_delta", turn, text: ev.text });
        else if (ev.type === "thinking_delta") emit({ type: "thinking_delta", turn, thinking: ev.thinking });
        else if (ev.type === "block_done") {
          if (ev.block.type === "text") emit({ type: "text", turn, text: ev.block.text });
          if (ev.toolCall) {
            emit({ type: "tool_use", turn, id: ev.toolCall.id, name: ev.toolCall.name, input: ev.toolCall.input });
            executor.add(ev.toolCall);
            calls++;
          }
        } else out = ev.message;
      }
      return out;
    };
    let final: FinalMessage | undefined;
    let reactive = false;
    let cutRetries = 0;
    for (;;) {
      opened = false;
      try {
        const request = s.outputCeiling ? { ...params, max_tokens: Math.max(params.max_tokens, s.outputCeiling) } : params;
        final = await call(request);
        // Layer 3: a reply cut off by max_tokens is continued (as a prefill) under a raised
        // ceiling, at most three times, and the parts become one message.
        for (let round = 1; final && round <= MAX_OUTPUT_RECOVERIES && canContinue(final, calls); round++) {
          s.outputCeiling = RAISED_MAX_TOKENS;
          const partial = trimTrailingText(final);
          emit({ type: "retry", turn, attempt: round, reason: `the reply hit max_tokens: continuing it with a ${RAISED_MAX_TOKENS}-token ceiling`, delayMs: 0 });
          const more = await call({ ...request, max_tokens: RAISED_MAX_TOKENS, messages: [...request.messages, { role: "assistant", content: partial.content.map(toParam) }] });
          if (!more) break;
          final = joinContinuation(partial, more);
        }
        break;
      } catch (err) {
        // Layer 4: the prompt does not fit. Compact (reactively) once, rebuild the request, retry.
        if (!reactive && calls === 0 && !ac.signal.aborted && isPromptTooLong(err)) {
          reactive = true;
          try {
            await compactNow(s, turn, emit, ac.signal, "reactive");
            params = await prepare();
            continue;
          } catch (compactErr) {
            err = compactErr;
          }
        }
        // Whatever shape the abort takes inside the SDK, our own signal says it was an interrupt.
        const aborted = ac.signal.aborted;
        const info = describeModelError(err, o.baseURL);
        // Layer 1, mid-stream: a reply cut off after it began, before any tool started, is
        // asked for again; the message is recorded once, whole, so nothing is duplicated.
        if (!aborted && opened && calls === 0 && info.retryable && info.kind !== "aborted" && cutRetries < MAX_CUT_RETRIES) {
          cutRetries++;
          const delayMs = 250 * cutRetries;
          emit({ type: "retry", turn, attempt: cutRetries, reason: `${info.message}: the reply was cut off; asking again`, delayMs });
          await Bun.sleep(delayMs);
          if (!ac.signal.aborted) continue;
        }
        ac.abort();
        await executor.discard();
        if (aborted || info.kind === "aborted") {
          const message = "interrupted by the user during the model call";
          emit({ type: "error", turn, kind: "aborted", message });
          return { kind: "interrupted", message };
        }
        emit({ type: "error", turn, kind: info.kind, message: info.message });
        return { kind: "error", message: info.message };
      }
    }
    if (!final) throw new Error("the model stream produced no message");

    const content = final.content.map(toParam);
    if (content.length) {
      const assistant: MessageParam = { role: "assistant", content };
      messages.push(assistant);
      emit({ type: "message", turn, message: assistant });
    }
    if (calls === 0) return { kind: "done", final };

    // Phase 3: every result, in tool_use order, in one user message.
    const results = await executor.finish();
    // Phase 4: what changed around the tools, for the next call.
    const attachments = ac.signal.aborted ? [] : await collect(o.collectors ?? defaultCollectors, { files, cwd: o.cwd, signal: ac.signal }, turn, (e) => {
      emit(e.event);
      // Hooks hear about files changed behind the session's back; the turn does not wait for them.
      if (e.path) void hooks.run("FileChanged", { session_id: o.sessionId, cwd: o.cwd, hook_event_name: "FileChanged", file_path: e.path }).catch(() => {});
    });
    const user = appendUser(messages, [...results, ...attachments]);
    emit({ type: "message", turn, message: user });
    if (ac.signal.aborted) {
      const message = "interrupted by the user while tools ran";
      emit({ type: "error", turn, kind: "aborted", message });
      return { kind: "interrupted", message, final };
    }
    // Phase 5: the model asked for tools, so it gets another call.
    return { kind: "continue", final };
  } catch (err) {
    // Reaching here is a bug in keel (context prep, a collector); the session still ends cleanly.
    ac.abort();
    await executor.discard();
    const message = `internal error: ${err instanceof Error ? err.message : String(err)}`;
    emit({ type: "error", turn, kind: "internal", message });
    return { kind: "error", message };
  } finally {
    s.session.removeEventListener("abort", stopTurn);
  }
}

async function collect(
  collectors: readonly AttachmentCollector[],
  ctx: Parameters<AttachmentCollector>[0],
  turn: number,
  report: (e: { event: EngineEvent; path?: string }) => void,
): Promise<ContentBlockParam[]> {
  const out: ContentBlockParam[] = [];
  for (const collector of collectors) {
    try {
      for (const a of await collector(ctx)) {
        report({ event: { type: "attachment", turn, kind: a.kind, summary: a.summary }, ...(a.kind === "changed_file" && a.path ? { path: a.path } : {}) });
        out.push({ type: "text", text: a.text });
      }
    } catch {
      // An attachment is a courtesy; failing to gather one must not end the turn.
    }
  }
  return out;
}
