// How big a history is, in the same estimate the prompt compiler uses (ceil(bytes/4)-ish).
// History messages are never mutated (compaction replaces them), so each one is sized once:
// a long session does not re-serialise its whole past every turn.
import type { MessageParam } from "../model/index.ts";
import { estimateTokens } from "../prompt/index.ts";

const sized = new WeakMap<MessageParam, number>();

function messageTokens(m: MessageParam): number {
  let n = sized.get(m);
  if (n === undefined) {
    n = estimateTokens(typeof m.content === "string" ? m.content : JSON.stringify(m.content));
    sized.set(m, n);
  }
  return n;
}

export function historyTokens(messages: readonly MessageParam[]): number {
  let n = 0;
  for (const m of messages) n += messageTokens(m);
  return n;
}
