// MCP against server-everything over stdio: what a session pays before its first turn
// (spawn + initialize + tools/list), per tool call, and at its end (close: stdin closed,
// the child waited for). Start-up is mostly the server's own (node loading express and
// the SDK), so the budget is on keel's part: connect minus the bare server answering
// `initialize` on a pipe. A call is a JSON-RPC round trip and must stay far below a turn.
import { resolve } from "node:path";
import { connectMcpServers, type McpServerSpec } from "../src/mcp/index.ts";
import { createFileReadState, type Tool, type ToolContext } from "../src/tools/index.ts";
import { median, percentile, report } from "./budget.ts";

const spec: McpServerSpec = {
  name: "everything",
  source: "bench",
  config: { command: "node", args: [resolve(import.meta.dir, "../node_modules/@modelcontextprotocol/server-everything/dist/index.js"), "stdio"] },
};
const ctx: ToolContext = { cwd: "/tmp", signal: new AbortController().signal, files: createFileReadState(), sessionId: "bench", store: new Map() };

/** The server alone: spawn it, write initialize, wait for its answer. */
async function bareInitialize(): Promise<number> {
  const t = performance.now();
  const proc = Bun.spawn(spec.config.type === undefined ? [spec.config.command, ...(spec.config.args ?? [])] : [], { stdin: "pipe", stdout: "pipe", stderr: "ignore" });
  proc.stdin.write(`${JSON.stringify({ jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "bench", version: "1" } } })}\n`);
  await proc.stdin.flush();
  const reader = proc.stdout.getReader();
  await reader.read();
  const ms = performance.now() - t;
  proc.kill();
  await proc.exited;
  return ms;
}

const bare: number[] = [];
const connects: number[] = [];
const closes: number[] = [];
const calls: number[] = [];
for (let round = 0; round < 5; round++) {
  bare.push(await bareInitialize());
  let t = performance.now();
  const conn = await connectMcpServers([spec]);
  connects.push(performance.now() - t);
  const echo = conn.tools.find((x) => x.name === "mcp__everything__echo") as Tool;
  for (let i = 0; i < 100; i++) {
    t = performance.now();
    const r = await echo.run({ message: `m${i}` }, ctx);
    calls.push(performance.now() - t);
    if (r.forModel !== `Echo: m${i}`) throw new Error(`unexpected result ${JSON.stringify(r.forModel)}`);
  }
  t = performance.now();
  await conn.close();
  closes.push(performance.now() - t);
}

// Four servers start in parallel: on 2 cores node's start-up is CPU-bound, so parallel
// cannot reach a quarter of one-after-another, but it must be clearly below it.
const names = ["a", "b", "c", "d"];
let t = performance.now();
for (const name of names) await (await connectMcpServers([{ ...spec, name }])).close();
const sequential = performance.now() - t;
t = performance.now();
const four = await connectMcpServers(names.map((name) => ({ ...spec, name })));
const parallel = performance.now() - t;
await four.close();

const ok = report("mcp (server-everything, stdio)", [
  { name: "bare server: spawn to initialize answer", value: median(bare), unit: "ms" },
  { name: "connect + tools/list, median of 5", value: median(connects), unit: "ms" },
  { name: "keel's part (connect − bare server)", value: Math.max(0, median(connects) - median(bare)), unit: "ms", budget: 300 },
  { name: "four servers: parallel / one after another", value: parallel / sequential, unit: "×", budget: 0.9 },
  { name: "echo call, median of 500", value: median(calls), unit: "ms", budget: 10 },
  { name: "echo call, p95", value: percentile(calls, 95), unit: "ms", budget: 25 },
  { name: "close (child exits), median", value: median(closes), unit: "ms", budget: 2500 },
]);
process.exit(ok ? 0 : 1);
