// Compression level 2, micro-compact: tool results older than the last few turns become a
// short stub naming the tool. The stub depends only on the call, so once a result is
// stubbed it stays byte-identical and the cache prefix up to it survives.
import type { MessageParam } from "../model/index.ts";

export interface MicrocompactOptions {
  /** Assistant turns, counted from the end, whose tool results stay whole. */
  keepRecentTurns: number;
}

export const stubFor = (toolName: string) => `[${toolName} result cleared to save context; run the tool again if it is needed]`;

type Block = Exclude<MessageParam["content"], string>[number];

export function microcompact(messages: readonly MessageParam[], o: MicrocompactOptions): { messages: MessageParam[]; cleared: number } {
  // Index of the first message that is still "recent": after the last keepRecentTurns assistant turns.
  let seen = 0;
  let recentFrom = 0;
  for (let i = messages.length - 1; i >= 0; i--) {
    if (messages[i]!.role === "assistant" && ++seen === o.keepRecentTurns) {
      recentFrom = i;
      break;
    }
  }
  if (seen < o.keepRecentTurns) return { messages: [...messages], cleared: 0 };
  const names = new Map<string, string>();
  let cleared = 0;
  const out = messages.map((m, i) => {
    if (typeof m.content === "string") return m;
    if (m.role === "assistant") for (const b of m.content) if (b.type === "tool_use") names.set(b.id, b.name);
    if (i >= recentFrom || m.role !== "user") return m;
    let changed = false;
    const content = m.content.map((b): Block => {
      if (b.type !== "tool_result") return b;
      const stub = stubFor(names.get(b.tool_use_id) ?? "tool");
      if (b.content === stub) return b;
      changed = true;
      cleared++;
      return { type: "tool_result", tool_use_id: b.tool_use_id, content: stub, ...(b.is_error ? { is_error: true } : {}) };
    });
    return changed ? ({ ...m, content } as MessageParam) : m;
  });
  return { messages: out, cleared };
}
