// Where the compression ladder meets the loop. Before each call: level 1 (snip) always,
// level 2 (micro-compact) past half the threshold, level 3 (auto-compact) past the
// threshold unless switched off. Level 4 (reactive) is `compactNow` when the endpoint
// says the prompt is too long. Memory files are re-read after a summary.
import { compacted, drain, historyTokens, isPromptTooLong, microcompact, snipMessages, summarize } from "../context/index.ts";
import { DEFAULT_CONTEXT_WINDOW, type MessageParam, type MessageSource } from "../model/index.ts";
import type { HookRunner } from "./hooks.ts";
import { compiledContextPrep } from "./context-prep.ts";
import { instructionsLoaded } from "./instructions-loaded.ts";
import type { EngineEvent } from "./events.ts";
import type { TurnState } from "./turn.ts";

export interface CompactionOptions {
  /** Level 3 on (default) or off; off means off. */
  auto?: boolean;
  /** Share of the context window at which level 3 runs (default 0.8). */
  threshold?: number;
  /** The model's context window in tokens (default 200,000). */
  window?: number;
  /** Turns whose tool results micro-compact leaves whole (default 5). */
  keepRecentTurns?: number;
}

export type CompactTrigger = "auto" | "manual" | "reactive";

const replace = (target: MessageParam[], next: MessageParam[]) => void target.splice(0, target.length, ...next);

export async function prepareHistory(s: TurnState, turn: number, emit: (e: EngineEvent) => void, signal: AbortSignal): Promise<void> {
  const c = s.o.compaction ?? {};
  const limit = (c.window ?? DEFAULT_CONTEXT_WINDOW) * (c.threshold ?? 0.8);
  replace(s.messages, snipMessages(s.messages));
  // Sizing serialises the whole history: once per turn, and again only after a change.
  let tokens = historyTokens(s.messages);
  if (tokens > limit / 2) {
    const r = microcompact(s.messages, { keepRecentTurns: c.keepRecentTurns ?? 5 });
    if (r.cleared) {
      const before = tokens;
      replace(s.messages, r.messages);
      tokens = historyTokens(s.messages);
      emit({ type: "compaction", turn, before, after: tokens, trigger: "microcompact" });
    }
  }
  if (c.auto !== false && tokens > limit) await compactNow(s, turn, emit, signal, "auto", tokens);
}

export interface CompactInput {
  source: MessageSource;
  model: string;
  sessionId: string;
  cwd: string;
  hooks: HookRunner;
}

/**
 * The summary step every compaction shares — auto, reactive, and /compact in the REPL:
 * PreCompact, the model's summary (over a drained history if the full one does not fit),
 * PostCompact. Returns the compacted history; the caller installs it.
 */
export async function compactHistory(a: CompactInput, messages: readonly MessageParam[], signal: AbortSignal, trigger: CompactTrigger): Promise<MessageParam[]> {
  await a.hooks.run("PreCompact", { session_id: a.sessionId, cwd: a.cwd, hook_event_name: "PreCompact", trigger }).catch(() => ({}));
  let summary: string;
  try {
    summary = await summarize({ source: a.source, model: a.model, messages, signal });
  } catch (err) {
    if (!isPromptTooLong(err)) throw err;
    // Layer 5: too long even to summarise — drop old tool results and attachments, then try once more.
    summary = await summarize({ source: a.source, model: a.model, messages: drain(messages), signal, drained: true });
  }
  const out = compacted(summary);
  await a.hooks.run("PostCompact", { session_id: a.sessionId, cwd: a.cwd, hook_event_name: "PostCompact", trigger }).catch(() => ({}));
  return out;
}

export async function compactNow(
  s: TurnState,
  turn: number,
  emit: (e: EngineEvent) => void,
  signal: AbortSignal,
  trigger: CompactTrigger,
  before = historyTokens(s.messages),
): Promise<void> {
  const o = s.o;
  emit({ type: "compaction_start", turn, before, trigger });
  replace(s.messages, await compactHistory({ source: s.source, model: o.model, sessionId: o.sessionId, cwd: o.cwd, hooks: s.hooks }, s.messages, signal, trigger));
  // A new prompt session: memory files are read again after a summary.
  if (!o.prepareContext) s.prepare = compiledContextPrep(instructionsLoaded(s.hooks, { sessionId: o.sessionId, cwd: o.cwd }, "compact", s.store));
  emit({ type: "compaction", turn, before, after: historyTokens(s.messages), trigger });
}
