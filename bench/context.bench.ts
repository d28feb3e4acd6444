// The compression ladder's cheap levels over a large history: micro-compacting (and
// snipping) a synthetic 1M-token session. Budget: micro-compact ≤ 50 ms.
import { historyTokens, microcompact, snipMessages } from "../src/context/index.ts";
import type { MessageParam } from "../src/model/index.ts";
import { median, report } from "./budget.ts";

function synthetic(targetTokens: number): MessageParam[] {
  const out: MessageParam[] = [{ role: "user", content: "refactor the whole project" }];
  const body = "export function handler(req, res) { return res.json({ ok: true, items: [1, 2, 3] }); }\n".repeat(40);
  for (let i = 0; historyTokens(out) < targetTokens; i++) {
    for (let k = 0; k < 50; k++, i++) {
      out.push({ role: "assistant", content: [{ type: "text", text: `step ${i}` }, { type: "tool_use", id: `t${i}`, name: "Read", input: { file_path: `/p/f${i}.ts` } }] });
      out.push({ role: "user", content: [{ type: "tool_result", tool_use_id: `t${i}`, content: body }] });
    }
  }
  return out;
}

const history = synthetic(1_000_000);
const tokens = historyTokens(history);
const micro: number[] = [];
const snip: number[] = [];
for (let i = 0; i < 7; i++) {
  let t = performance.now();
  microcompact(history, { keepRecentTurns: 5 });
  micro.push(performance.now() - t);
  t = performance.now();
  snipMessages(history);
  snip.push(performance.now() - t);
}
const ok = report(`compression over a synthetic history (${history.length} messages)`, [
  { name: "history size (estimated)", value: tokens, unit: "tokens" },
  { name: "micro-compact, median of 7", value: median(micro), unit: "ms", budget: 50 },
  { name: "snip, median of 7", value: median(snip), unit: "ms" },
]);
process.exit(ok ? 0 : 1);
