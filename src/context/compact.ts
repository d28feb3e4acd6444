// Compression levels 3 and 4, auto-compact and reactive compact: the model writes a handoff
// summary (goal, decisions, files touched, open todos, the user's instructions) and the
// history becomes that summary. Recovery layer 5, drain: when even the summary request is
// too long, the oldest tool results and attachments go first.
import { type MessageParam, type MessageSource, type RequestParams, streamMessage } from "../model/index.ts";
import { microcompact } from "./microcompact.ts";

export const SUMMARY_INSTRUCTION = [
  "Write a handoff summary of this conversation so far, so that the work can go on from it alone.",
  "Cover, under these headings: Goal; Decisions (and why); Files read, created or changed; Open todo items; The user's instructions (quote each one).",
  "Be concrete and complete; no preamble.",
].join("\n");

type Block = Exclude<MessageParam["content"], string>[number];
const blocks = (m: MessageParam): Block[] => (typeof m.content === "string" ? [{ type: "text", text: m.content }] : (m.content as Block[]));

/** The history with the instruction appended to its last user turn (roles must alternate). */
function withInstruction(messages: readonly MessageParam[]): MessageParam[] {
  const last = messages.at(-1);
  const ask: Block = { type: "text", text: SUMMARY_INSTRUCTION };
  if (last?.role === "user") return [...messages.slice(0, -1), { role: "user", content: [...blocks(last), ask] } as MessageParam];
  return [...messages, { role: "user", content: [ask] }];
}

/** Layer 5: every tool result but the last turn's becomes a stub; attachments (<system-reminder>) go. */
export function drain(messages: readonly MessageParam[]): MessageParam[] {
  const { messages: stubbed } = microcompact(messages, { keepRecentTurns: 1 });
  return stubbed.map((m, i) => {
    if (m.role !== "user" || typeof m.content === "string" || i === stubbed.length - 1) return m;
    const kept = (m.content as Block[]).filter((b) => !(b.type === "text" && b.text.startsWith("<system-reminder>")));
    return kept.length === m.content.length ? m : ({ ...m, content: kept.length ? kept : [{ type: "text", text: "[attachments cleared]" }] } as MessageParam);
  });
}

export interface SummaryRequest {
  source: MessageSource;
  model: string;
  messages: readonly MessageParam[];
  signal: AbortSignal;
  /** Set when the history had to be drained before it could be summarised. */
  drained?: boolean;
}

export async function summarize(r: SummaryRequest): Promise<string> {
  const params: RequestParams = {
    model: r.model,
    max_tokens: 8_192,
    system: [{ type: "text", text: "You write precise handoff summaries of coding sessions." }],
    messages: withInstruction(r.messages),
  };
  let text = "";
  for await (const ev of streamMessage(r.source, params, r.signal)) {
    if (ev.type === "message_done") text = ev.message.content.map((b) => (b.type === "text" ? b.text : "")).join("");
  }
  if (!text.trim()) throw new Error("the model returned an empty summary");
  return text.trim();
}

/** The history after compaction: one user turn carrying the summary. */
export function compacted(summary: string): MessageParam[] {
  return [
    {
      role: "user",
      content: [{ type: "text", text: `<conversation-summary>\nThe conversation so far was compacted to save context. Summary:\n\n${summary}\n</conversation-summary>\nContinue the work from here.` }],
    },
  ];
}
