// Headless budgets, against the fake Anthropic server in this process (zero latency):
// `keel -p` start to exit and start to first request byte, the engine's own overhead per
// turn in a 100-turn tool session, and peak RSS of the binary through such a session.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { z } from "zod";
import { runAgent } from "../src/engine/index.ts";
import { createClient, sdkSource, streamMessage } from "../src/model/index.ts";
import { defineTool, type Tool } from "../src/tools/index.ts";
import { startAnthropicServer, text, toolUse } from "../tests/support/anthropic/index.ts";
import { median, report } from "./budget.ts";

const BIN = process.env.KEEL_BENCH_BIN ?? resolve(import.meta.dir, "../dist/keel");
if (!existsSync(BIN)) {
  console.error(`${BIN} is missing: run npm run build first`);
  process.exit(1);
}
const now = () => performance.timeOrigin + performance.now();
const TURNS = 100;
const tmp = (p: string) => mkdtempSync(join(tmpdir(), p));

const server = await startAnthropicServer({ respond: () => text("ok") });
const env = (home: string) => {
  const e: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^(ANTHROPIC_|KEEL_|BUN_BE_BUN$)/.test(k)) e[k] = v;
  return { ...e, KEEL_HOME: home, ANTHROPIC_API_KEY: "bench", ANTHROPIC_BASE_URL: server.url, NO_COLOR: "1" };
};

/**
 * Peak RSS of a running child, read from /proc/<pid>/status (VmHWM) until it exits. Unlike
 * ru_maxrss, which folds in the spawning process's high-water mark at exec, VmHWM belongs
 * to keel's own address space alone.
 */
async function peakRssMb(proc: { pid: number; exited: Promise<number> }): Promise<number> {
  let peak = 0;
  let done = false;
  void proc.exited.then(() => (done = true));
  while (!done) {
    try {
      const kb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${proc.pid}/status`, "utf8"))?.[1] ?? 0);
      peak = Math.max(peak, kb / 1024);
    } catch {}
    await Bun.sleep(2);
  }
  // A reading of nothing must fail the bench, not pass its budget.
  if (peak === 0) throw new Error(`no VmHWM read for pid ${proc.pid}: /proc unavailable?`);
  return peak;
}

// 1–2: one text turn through the binary.
const home = tmp("keel-bench-home-");
const cwd = tmp("keel-bench-cwd-");
const exitMs: number[] = [];
const firstByteMs: number[] = [];
let oneTurnRss = 0;
for (let i = 0; i < 21; i++) {
  server.reset();
  const t0 = now();
  const proc = Bun.spawn([BIN, "-p", "hello"], { cwd, env: env(home), stdin: "ignore", stdout: "ignore", stderr: "inherit" });
  const rss = peakRssMb(proc);
  const code = await proc.exited;
  const t1 = now();
  if (code !== 0) throw new Error(`keel -p exited ${code}`);
  oneTurnRss = Math.max(oneTurnRss, await rss);
  if (i === 0) continue; // the first run warms the page cache
  exitMs.push(t1 - t0);
  firstByteMs.push((server.messageRequests()[0]?.receivedAt ?? t1) - t0);
}

// 3: peak RSS of the binary through a 100-turn session with a real tool (LS).
writeFileSync(join(cwd, "a.txt"), "a\n");
server.reset();
for (let i = 0; i < TURNS; i++) server.enqueue(toolUse("LS", { path: cwd }, { before: `step ${i}` }));
server.enqueue(text("finished"));
const t0 = now();
const proc = Bun.spawn([BIN, "-p", "go", "--max-turns", String(TURNS + 1)], { cwd, env: env(home), stdin: "ignore", stdout: "ignore", stderr: "inherit" });
const rssPeak = peakRssMb(proc);
const code = await proc.exited;
const binMs = now() - t0;
if (code !== 0) throw new Error(`keel -p (100 turns) exited ${code}`);
const rssMb = await rssPeak;

// 4: engine overhead per turn, in process: the loop's time minus the tools' time minus
// the same requests replayed straight through the SDK (HTTP + SSE + parsing).
const noop = defineTool({
  name: "Noop",
  description: "does nothing",
  input: z.object({ n: z.number() }),
  readOnly: true,
  run: async (i) => ({ forModel: `done ${i.n}` }),
}) as Tool;
const source = sdkSource(await createClient({ apiKey: "bench", baseURL: server.url }));
async function session(): Promise<{ loopMs: number; toolMs: number; bodies: any[] }> {
  server.reset();
  for (let i = 0; i < TURNS; i++) server.enqueue(toolUse("Noop", { n: i }, { before: `step ${i}` }));
  server.enqueue(text("finished"));
  let toolMs = 0;
  const t0 = performance.now();
  for await (const ev of runAgent({ source, model: "claude-sonnet-5-5", tools: [noop], cwd, sessionId: "bench", prompt: "go", collectors: [] })) {
    if (ev.type === "tool_result") toolMs += ev.durationMs;
  }
  return { loopMs: performance.now() - t0, toolMs, bodies: server.messageRequests().map((r) => r.body) };
}
async function replay(bodies: any[]): Promise<number> {
  server.reset();
  for (let i = 0; i < TURNS; i++) server.enqueue(toolUse("Noop", { n: i }, { before: `step ${i}` }));
  server.enqueue(text("finished"));
  const t0 = performance.now();
  for (const { stream: _s, ...params } of bodies) for await (const _ of streamMessage(source, params, new AbortController().signal));
  return performance.now() - t0;
}
await session(); // warm-up
const overheads: number[] = [];
const perTurn: number[] = [];
for (let i = 0; i < 5; i++) {
  const s = await session();
  const raw = await replay(s.bodies);
  overheads.push((s.loopMs - s.toolMs - raw) / (TURNS + 1));
  perTurn.push(s.loopMs / (TURNS + 1));
}

await server.close();
const ok = report("keel -p (headless), fake API in process, zero latency", [
  { name: "one text turn: start → exit (median of 20)", value: median(exitMs), unit: "ms", budget: 150 },
  { name: "start → first request byte (median of 20)", value: median(firstByteMs), unit: "ms", budget: 60 },
  { name: "peak RSS, one text turn (VmHWM)", value: oneTurnRss, unit: "MB", budget: 80 },
  { name: "100-turn tool session: engine overhead/turn", value: median(overheads), unit: "ms", budget: 2 },
  { name: "100-turn tool session: whole turn, in process", value: median(perTurn), unit: "ms" },
  { name: "100-turn session via binary (LS tool): total", value: binMs, unit: "ms" },
  { name: "peak RSS, 100-turn session via binary", value: rssMb, unit: "MB", budget: 80 },
]);
process.exit(ok ? 0 : 1);
