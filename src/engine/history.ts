// Pure helpers over the message history: response blocks back to request params, and
// appending a user message so that roles still alternate.
import type { ContentBlock, ContentBlockParam, MessageParam } from "../model/index.ts";

/** Strips response-only fields so the block can be sent back as history. */
export function toParam(block: ContentBlock): ContentBlockParam {
  switch (block.type) {
    case "text":
      return block.citations?.length ? { type: "text", text: block.text, citations: block.citations as never } : { type: "text", text: block.text };
    case "thinking":
      return { type: "thinking", thinking: block.thinking, signature: block.signature };
    case "redacted_thinking":
      return { type: "redacted_thinking", data: block.data };
    case "tool_use":
      return { type: "tool_use", id: block.id, name: block.name, input: block.input };
    default:
      return block as unknown as ContentBlockParam;
  }
}

export function blocksOf(m: MessageParam): ContentBlockParam[] {
  return typeof m.content === "string" ? [{ type: "text", text: m.content }] : [...(m.content as ContentBlockParam[])];
}

/**
 * Appends user content; when the history already ends with a user message (tool
 * results of a turn cut short, or an unanswered prompt after a crash) the content
 * joins it, since the API wants roles to alternate. Returns only the new part: a
 * transcript records that, and a loader joins consecutive user records the same way.
 */
export function appendUser(messages: MessageParam[], content: ContentBlockParam[]): MessageParam {
  const last = messages[messages.length - 1];
  if (last && last.role === "user") {
    messages[messages.length - 1] = { role: "user", content: [...blocksOf(last), ...content] };
    return { role: "user", content };
  }
  const m: MessageParam = { role: "user", content };
  messages.push(m);
  return m;
}

export function textOf(blocks: readonly (ContentBlock | ContentBlockParam)[]): string {
  return blocks
    .filter((b): b is Extract<ContentBlock, { type: "text" }> => b.type === "text")
    .map((b) => b.text)
    .join("");
}
