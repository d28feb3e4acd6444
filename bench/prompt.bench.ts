// Prompt compilation cost per turn over a 50-turn growing history (budget ≤ 1 ms a turn),
// measured on the session API the engine uses: sections rendered once, compile per turn.
// Then the cache share: 50 turns against the fake Messages server (tests/support/anthropic)
// through the SDK, with our compiled requests — ≥ 0.95 of input tokens read from cache
// over turns 2–50.
import type { ContentBlockParam, MessageParam } from "@anthropic-ai/sdk/resources/messages";
import { defaultRegistry, freezeTools, PromptSession } from "../src/prompt/index.ts";
import { pinnedContext, tool, turn } from "../tests/prompt/fixtures.ts";
import { median, percentile, report } from "./budget.ts";

const TURNS = 50;
const RUNS = 40;

const tools = ["bash", "edit", "glob", "grep", "read", "write", "web_fetch", "todo"].map((n) =>
  tool(n, `The ${n} tool. `.repeat(40)),
);

const perTurn: number[] = [];
const sessionMeans: number[] = [];
let sink = 0;
for (let run = 0; run < RUNS; run++) {
  // A fresh session each run, so each run's first compile is a cold one.
  const session = new PromptSession(defaultRegistry(), pinnedContext(), freezeTools(tools));
  let history: MessageParam[] = [{ role: "user", content: "Refactor the parser and keep the tests green." }];
  let sum = 0;
  for (let i = 1; i <= TURNS; i++) {
    const t0 = performance.now();
    const c = session.compile(history);
    const dt = performance.now() - t0;
    perTurn.push(dt);
    sum += dt;
    sink += c.report.breakpoints.total;
    history = [...history, ...turn(i, { calls: 3 })];
  }
  sessionMeans.push(sum / TURNS);
}
if (sink === 0) throw new Error("nothing compiled");

const measures = [
  { name: `per turn, median (${TURNS} turns × ${RUNS})`, value: median(perTurn) * 1000, unit: "µs" },
  { name: "per turn, p95", value: percentile(perTurn, 95), unit: "ms", budget: 1 },
  { name: "per turn, mean of the slowest session", value: Math.max(...sessionMeans), unit: "ms", budget: 1 },
  { name: "slowest single turn (cold)", value: Math.max(...perTurn), unit: "ms" },
];
const okCompile = report("prompt compilation", measures);
const okCache = report("prompt cache share (fake Messages server, SDK, built-in tools)", await cacheShare());
process.exit(okCompile && okCache ? 0 : 1);

/** Drives 50 tool-using turns through the SDK and sums the usage the server reports. */
async function cacheShare() {
  const { default: Anthropic } = await import("@anthropic-ai/sdk");
  const { startAnthropicServer } = await import("../tests/support/anthropic/server.ts");
  const { builtinTools, toolSchemas } = await import("../src/tools/index.ts");
  let call = 0;
  const server = await startAnthropicServer({
    respond: () => {
      call++;
      return {
        content: [
          { type: "text", text: `Step ${call}: reading the next file to find where the parser fails.` },
          { type: "tool_use", name: "Read", input: { file_path: `/home/dev/project/src/part${call}.ts` } },
        ],
      };
    },
  });
  try {
    const client = new Anthropic({ apiKey: "test-key", baseURL: server.url, maxRetries: 0 });
    const session = new PromptSession(defaultRegistry(), pinnedContext(), freezeTools(toolSchemas(builtinTools())));
    let history: MessageParam[] = [{ role: "user", content: "The parser fails on nested arrays. Find the cause and fix it." }];
    const shares: number[] = [];
    let read = 0;
    let all = 0;
    for (let i = 1; i <= TURNS; i++) {
      const req = session.compile(history);
      const msg = await client.messages.create({
        model: "claude-test-1",
        max_tokens: 1024,
        system: req.system,
        tools: req.tools,
        messages: req.messages,
      });
      const u = msg.usage;
      const input = u.input_tokens + (u.cache_creation_input_tokens ?? 0) + (u.cache_read_input_tokens ?? 0);
      if (i >= 2) {
        read += u.cache_read_input_tokens ?? 0;
        all += input;
        shares.push((u.cache_read_input_tokens ?? 0) / input);
      }
      const assistant: ContentBlockParam[] = msg.content.flatMap((b): ContentBlockParam[] =>
        b.type === "text"
          ? [{ type: "text", text: b.text }]
          : b.type === "tool_use"
            ? [{ type: "tool_use", id: b.id, name: b.name, input: b.input }]
            : [],
      );
      const results: ContentBlockParam[] = assistant.flatMap((b) =>
        b.type === "tool_use"
          ? [{ type: "tool_result" as const, tool_use_id: b.id, content: `export function part${i}() {\n  return ${i};\n}\n`.repeat(15) }]
          : [],
      );
      history = [...history, { role: "assistant", content: assistant }, { role: "user", content: results }];
    }
    return [
      { name: "input tokens read from cache, turns 2–50", value: read / all, unit: "share", budget: 0.95, atLeast: true },
      { name: "lowest single-turn share, turns 2–50", value: Math.min(...shares), unit: "share", budget: 0.95, atLeast: true },
      { name: "input tokens, turns 2–50", value: all, unit: "tokens" },
    ];
  } finally {
    await server.close();
  }
}
