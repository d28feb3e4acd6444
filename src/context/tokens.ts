// How big a history is, in the same estimate the prompt compiler uses (ceil(bytes/4)-ish).
import type { MessageParam } from "../model/index.ts";
import { estimateTokens } from "../prompt/index.ts";

export function historyTokens(messages: readonly MessageParam[]): number {
  let n = 0;
  for (const m of messages) n += estimateTokens(typeof m.content === "string" ? m.content : JSON.stringify(m.content));
  return n;
}
