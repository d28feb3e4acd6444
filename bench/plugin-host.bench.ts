// The plugin host: what the first use of a plugin costs (the compiled binary re-executing
// itself, importing the host module, answering initialize and one call), plain and under
// bubblewrap; what a warm call costs (one JSON-RPC round trip over stdio); the host's peak
// memory. Uses dist/keel (or KEEL_TEST_BIN); run `npm run build` first.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { detectSandbox } from "../src/safety/index.ts";
import { HOST_METHODS } from "../src/plugins/contracts.ts";
import { hostEnv, PluginHost, sandboxedArgv } from "../src/plugins/host/index.ts";
import { median, percentile, report } from "./budget.ts";

const BIN = process.env.KEEL_TEST_BIN ? resolve(process.env.KEEL_TEST_BIN) : resolve(import.meta.dir, "../dist/keel");
if (!existsSync(BIN)) {
  console.error(`${BIN} is missing: run \`npm run build\` (or set KEEL_TEST_BIN)`);
  process.exit(1);
}

const root = mkdtempSync(join(tmpdir(), "keel-bench-plugin-"));
writeFileSync(join(root, "host.js"), "export const calls = { ping: (p) => p, pid: () => process.pid };\n");
const init = { plugin: "bench", pluginRoot: root, modules: [join(root, "host.js")], installId: "bench", cwd: root };
const sandbox = await detectSandbox();

function host(sandboxed: boolean): PluginHost {
  const argv = [BIN, "__plugin-host", "bench"];
  return new PluginHost({
    plugin: "bench",
    init,
    command: () => ({
      argv: sandboxed && sandbox.available ? sandboxedArgv(argv, root, { bwrap: sandbox.bwrap, pluginRoot: root, projectDir: root, capabilities: [] }) : argv,
      env: hostEnv(process.env, root),
      cwd: root,
    }),
  });
}

async function coldStart(sandboxed: boolean): Promise<number> {
  const h = host(sandboxed);
  const t = performance.now();
  await h.request(HOST_METHODS.call, { name: "ping", params: 1 });
  const ms = performance.now() - t;
  await h.close();
  return ms;
}

const cold: number[] = [];
const coldBwrap: number[] = [];
for (let i = 0; i < 7; i++) {
  cold.push(await coldStart(false));
  if (sandbox.available) coldBwrap.push(await coldStart(true));
}

const warm = host(false);
const pid = (await warm.request(HOST_METHODS.call, { name: "pid" })) as number;
const calls: number[] = [];
for (let i = 0; i < 2_000; i++) {
  const t = performance.now();
  await warm.request(HOST_METHODS.call, { name: "ping", params: { i } });
  calls.push(performance.now() - t);
}
const hwm = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;
await warm.close();

const ok = report("plugin host (compiled binary re-executing itself)", [
  { name: "first use: spawn + import + initialize + call", value: median(cold), unit: "ms", budget: 150 },
  ...(sandbox.available ? [{ name: "first use under bubblewrap", value: median(coldBwrap), unit: "ms", budget: 200 }] : []),
  { name: "warm call round trip (median)", value: median(calls) * 1000, unit: "µs", budget: 1_000 },
  { name: "warm call round trip (p99)", value: percentile(calls, 99) * 1000, unit: "µs", budget: 5_000 },
  { name: "host peak RSS", value: hwm, unit: "MB", budget: 80 },
]);
process.exit(ok ? 0 : 1);
