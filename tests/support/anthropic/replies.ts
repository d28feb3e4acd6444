// Small builders for common replies, so a scripted case reads as what the model says.
import type { MessageReply, RecordedRequest, ReplyBlock } from "./types.ts";

type Extra = Omit<MessageReply, "kind" | "content">;

export const text = (value: string, extra: Extra = {}): MessageReply => ({ content: value, ...extra });

export const toolUse = (name: string, input: unknown, extra: Extra & { id?: string; before?: string } = {}): MessageReply => {
  const { id, before, ...rest } = extra;
  const blocks: ReplyBlock[] = [];
  if (before) blocks.push({ type: "text", text: before });
  blocks.push({ type: "tool_use", name, input, ...(id ? { id } : {}) });
  return { content: blocks, ...rest };
};

/** The text of the last user message's text blocks (tool results are skipped), or "". */
export function lastUserText(req: RecordedRequest): string {
  const messages: any[] = Array.isArray(req.body?.messages) ? req.body.messages : [];
  const last = [...messages].reverse().find((m) => m?.role === "user");
  if (!last) return "";
  if (typeof last.content === "string") return last.content;
  if (!Array.isArray(last.content)) return "";
  return last.content.filter((b: any) => b?.type === "text").map((b: any) => String(b.text)).join("\n");
}

/** A fallback that answers "echo: <last user text>". */
export const echo = (req: RecordedRequest): MessageReply => ({ content: `echo: ${lastUserText(req)}` });
