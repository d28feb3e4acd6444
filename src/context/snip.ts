// Compression level 1, snip: a long tool output keeps its head and tail within a budget,
// with a marker saying how much was cut. Deterministic, so a snipped result never changes
// again and the cached prefix holds.
import type { MessageParam } from "../model/index.ts";

/**
 * As large as the largest built-in tool's own cap (Read: 100,000 characters), so snip never
 * cuts a result a built-in tool already sized; it catches the outliers (MCP and plugin tools).
 */
export const SNIP_BUDGET_CHARS = 100_000;

const marker = (cut: number) => `\n[… ${cut} characters snipped to save context …]\n`;

/** Head and tail, marker included, within `budget`: so a snipped text is never snipped again. */
export function snipText(text: string, budget = SNIP_BUDGET_CHARS): string {
  if (text.length <= budget) return text;
  let keep = Math.floor((budget - marker(text.length).length) / 2);
  // The count's digits can only shrink as `keep` grows: one more pass settles it.
  keep = Math.floor((budget - marker(text.length - 2 * keep).length) / 2);
  if (keep <= 0) return text.slice(0, budget);
  return `${text.slice(0, keep)}${marker(text.length - 2 * keep)}${text.slice(text.length - keep)}`;
}

type Block = Exclude<MessageParam["content"], string>[number];

function snipBlock(b: Block, budget: number): Block {
  if (b.type !== "tool_result") return b;
  if (typeof b.content === "string") return b.content.length > budget ? { ...b, content: snipText(b.content, budget) } : b;
  if (!Array.isArray(b.content)) return b;
  let changed = false;
  const content = b.content.map((c) => {
    if (c.type !== "text" || c.text.length <= budget) return c;
    changed = true;
    return { ...c, text: snipText(c.text, budget) };
  });
  return changed ? { ...b, content } : b;
}

/** Every tool result over the budget, snipped; messages that need nothing are returned as they were. */
export function snipMessages(messages: readonly MessageParam[], budget = SNIP_BUDGET_CHARS): MessageParam[] {
  return messages.map((m) => {
    if (typeof m.content === "string") return m;
    const content = m.content.map((b) => snipBlock(b, budget));
    return content.some((b, i) => b !== (m.content as Block[])[i]) ? ({ ...m, content } as MessageParam) : m;
  });
}
