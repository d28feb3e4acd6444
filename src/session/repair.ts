// Turns recorded messages back into history the API accepts. Pure, so it is tested as
// a table. A crash can leave: a torn last line (skipped by the loader), an assistant
// message whose tool calls never got results (dropped: that turn was in flight), and
// user fragments recorded separately (joined, as the live history did).
import type { MessageParam } from "@anthropic-ai/sdk/resources/messages";

type Block = { type: string; id?: string; tool_use_id?: string };

const blocks = (m: MessageParam): Block[] =>
  typeof m.content === "string" ? [{ type: "text", text: m.content } as Block] : (m.content as unknown as Block[]);

export interface Repaired {
  messages: MessageParam[];
  /** What was dropped and why, for the transcript and the person. */
  dropped: string[];
}

export function repairHistory(recorded: readonly MessageParam[]): Repaired {
  const dropped: string[] = [];
  const joined: MessageParam[] = [];
  for (const m of recorded) {
    const last = joined[joined.length - 1];
    if (last && last.role === m.role) {
      joined[joined.length - 1] = { role: m.role, content: [...blocks(last), ...blocks(m)] as never };
    } else joined.push(m);
  }
  while (joined[0] && joined[0].role !== "user") {
    joined.shift();
    dropped.push("a leading assistant message");
  }

  // Keep an assistant message with tool calls only if the next message answers every one.
  const out: MessageParam[] = [];
  for (let i = 0; i < joined.length; i++) {
    const m = joined[i] as MessageParam;
    if (m.role === "assistant") {
      const ids = blocks(m).filter((b) => b.type === "tool_use").map((b) => b.id);
      const next = joined[i + 1];
      const answered = new Set(next ? blocks(next).filter((b) => b.type === "tool_result").map((b) => b.tool_use_id) : []);
      if (ids.some((id) => !answered.has(id))) {
        dropped.push(`an assistant turn with ${ids.length} unanswered tool call${ids.length === 1 ? "" : "s"}`);
        // Its partial results (if any) go too; the user text around them stays.
        if (next) {
          const rest = blocks(next).filter((b) => b.type !== "tool_result");
          joined[i + 1] = { role: "user", content: rest as never };
        }
        continue;
      }
    }
    if (m.role === "user") {
      const b = blocks(m);
      // A user message left empty after dropping orphaned results carries nothing.
      if (b.length === 0) continue;
      const prev = out[out.length - 1];
      const ids = new Set(prev?.role === "assistant" ? blocks(prev).filter((x) => x.type === "tool_use").map((x) => x.id) : []);
      const orphans = b.filter((x) => x.type === "tool_result" && !ids.has(x.tool_use_id));
      if (orphans.length) {
        dropped.push(`${orphans.length} tool result${orphans.length === 1 ? "" : "s"} with no matching call`);
        const kept = b.filter((x) => !orphans.includes(x));
        if (kept.length === 0) continue;
        if (prev?.role === "user") out[out.length - 1] = { role: "user", content: [...blocks(prev), ...kept] as never };
        else out.push({ role: "user", content: kept as never });
        continue;
      }
      if (prev?.role === "user") {
        out[out.length - 1] = { role: "user", content: [...blocks(prev), ...b] as never };
        continue;
      }
    }
    out.push(m);
  }
  return { messages: out, dropped };
}
