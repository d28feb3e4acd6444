// What the screen shows, as a pure function of engine events. Finished entries go to the
// static log (printed once, never re-rendered); the live region holds only what is still
// changing: the streaming reply, running tools, the prompt or a permission question.
import type { EngineEvent } from "../engine/index.ts";
import { type Hunk, summarizeInput } from "../tools/index.ts";

export interface ToolRow {
  id: string;
  name: string;
  summary: string;
  state: "waiting" | "running" | "done" | "error";
  result?: string;
  diff?: { filePath: string; hunks: Hunk[] };
}

export type Entry =
  | { id: number; kind: "user" | "assistant" | "info" | "error"; text: string; /** A finished part of a reply still streaming. */ partial?: boolean }
  | { id: number; kind: "tool"; tool: ToolRow };

export interface Status {
  model: string;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  /** Prompt size of the last request: how full the context window is. */
  contextTokens: number;
  costUsd: number;
}

export interface PermissionQuestion {
  tool: string;
  summary: string;
  reason?: string;
  rule: string;
  /** "choose" waits for y/a/n; "feedback" collects what to tell the model. */
  stage: "choose" | "feedback";
}

export interface UiState {
  entries: Entry[];
  /** The line of the reply still being written. */
  streaming: string;
  /** Parts of the current text block already moved to the log. */
  streamedParts: number;
  tools: ToolRow[];
  busy: boolean;
  status: Status;
  permission?: PermissionQuestion;
  notice?: string;
  focused: boolean;
  /** Plugin widgets: lines for the companion slot, text for the status line (src/plugins WidgetClient). */
  widgets?: { companion: string[]; status: string };
}

export function initialState(model: string): UiState {
  return { entries: [], streaming: "", streamedParts: 0, tools: [], busy: false, status: { model, inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, contextTokens: 0, costUsd: 0 }, focused: true };
}

let nextId = 1;
export const entry = (e: Omit<Extract<Entry, { kind: "user" | "assistant" | "info" | "error" }>, "id">): Entry => ({ id: nextId++, ...e });

export const summarize = (_name: string, input: unknown) => summarizeInput(input, 120);

const FENCE = /^```/gm;

/**
 * Splits streaming text into complete lines (final) and the line still being written.
 * A code fence left open by the split is closed on the final side and reopened on the
 * live side, so both render as code.
 */
export function splitStreaming(text: string): { commit: string; rest: string } {
  const nl = text.lastIndexOf("\n");
  if (nl < 0) return { commit: "", rest: text };
  let commit = text.slice(0, nl);
  let rest = text.slice(nl + 1);
  if ((commit.match(FENCE)?.length ?? 0) % 2 === 1) {
    commit += "\n```";
    rest = `\`\`\`\n${rest}`;
  }
  return { commit, rest };
}

function diffOf(display: unknown): ToolRow["diff"] {
  const d = display as { filePath?: unknown; hunks?: unknown } | undefined;
  return d && typeof d.filePath === "string" && Array.isArray(d.hunks) && d.hunks.length ? { filePath: d.filePath, hunks: d.hunks as Hunk[] } : undefined;
}

export function applyEvent(s: UiState, ev: EngineEvent): UiState {
  switch (ev.type) {
    case "turn_start":
      return { ...s, busy: true };
    case "text_delta": {
      // Complete lines are final: they go to the static log now, so each frame lays out
      // only the line still being written, however long the reply grows.
      const { commit, rest } = splitStreaming(s.streaming + ev.text);
      if (!commit) return { ...s, streaming: rest };
      return { ...s, streaming: rest, streamedParts: s.streamedParts + 1, entries: [...s.entries, entry({ kind: "assistant", text: commit, partial: true })] };
    }
    case "text": {
      // The block is done: what is still live closes it (or, if nothing streamed, the whole text).
      const last = s.streamedParts === 0 ? ev.text : s.streaming;
      const entries = last ? [...s.entries, entry({ kind: "assistant", text: last })] : s.entries;
      return { ...s, streaming: "", streamedParts: 0, entries };
    }
    case "tool_use":
      return { ...s, tools: [...s.tools, { id: ev.id, name: ev.name, summary: summarize(ev.name, ev.input), state: "waiting" }] };
    case "tool_start":
      return { ...s, tools: s.tools.map((t) => (t.id === ev.id ? { ...t, state: "running" } : t)) };
    case "tool_result": {
      const row = s.tools.find((t) => t.id === ev.id) ?? { id: ev.id, name: ev.name, summary: "", state: "waiting" as const };
      const diff = diffOf(ev.display);
      const done: ToolRow = { ...row, state: ev.isError ? "error" : "done", result: ev.content.split("\n")[0]?.slice(0, 200) ?? "", ...(diff ? { diff } : {}) };
      return { ...s, tools: s.tools.filter((t) => t.id !== ev.id), entries: [...s.entries, { id: nextId++, kind: "tool", tool: done }] };
    }
    case "compaction_start":
      return { ...s, notice: `compacting the conversation (${ev.trigger})…` };
    case "compaction":
      return { ...s, entries: [...s.entries, entry({ kind: "info", text: `context compacted (${ev.trigger}): about ${ev.before} → ${ev.after} tokens` })] };
    case "retry":
      return { ...s, notice: `retrying in ${(ev.delayMs / 1000).toFixed(1)} s (attempt ${ev.attempt}): ${ev.reason}` };
    case "error":
      return { ...s, entries: [...s.entries, entry({ kind: ev.kind === "aborted" ? "info" : "error", text: ev.kind === "aborted" ? "interrupted" : ev.message })] };
    case "turn_end": {
      const u = ev.usage;
      return {
        ...s,
        status: {
          ...s.status,
          model: ev.model,
          inputTokens: s.status.inputTokens + u.input_tokens + u.cache_creation_input_tokens,
          outputTokens: s.status.outputTokens + u.output_tokens,
          cacheReadTokens: s.status.cacheReadTokens + u.cache_read_input_tokens,
          contextTokens: u.input_tokens + u.cache_creation_input_tokens + u.cache_read_input_tokens || s.status.contextTokens,
        },
      };
    }
    case "session_end": {
      const flushed = s.streaming ? [...s.entries, entry({ kind: "assistant", text: s.streaming })] : s.entries;
      return { ...s, busy: false, streaming: "", streamedParts: 0, tools: [], entries: flushed, status: { ...s.status, costUsd: s.status.costUsd + ev.costUsd } };
    }
    default:
      return s;
  }
}
