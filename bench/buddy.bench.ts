// Buddy: how fast ids become companions (the distribution test draws 100,000), how soon the
// plugin host answers its first card, and what `keel buddy` costs end to end through the
// compiled binary (KEEL_BIN, else dist/keel). Medians over several runs.
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { median, report } from "./budget.ts";

const root = join(import.meta.dir, "..");
const pluginDir = join(root, "plugins", "buddy");
const keel = process.env.KEEL_BIN ? resolve(process.env.KEEL_BIN) : join(root, "dist", "keel");
if (!existsSync(keel)) throw new Error(`${keel} is missing: npm run build (or KEEL_BIN=<a binary>)`);

const { companion } = (await import(join(pluginDir, "lib", "companion.js"))) as { companion(id: string): unknown };

function derivePerSecond(): number {
  const n = 50_000;
  const t = performance.now();
  for (let i = 0; i < n; i++) companion(`bench-${i}-${Math.floor(t)}`);
  return n / ((performance.now() - t) / 1000);
}

/** The host alone: spawn `keel __plugin-host buddy`, initialize, one `card` call. */
async function hostFirstCard(): Promise<number> {
  const t = performance.now();
  const p = Bun.spawn([keel, "__plugin-host", "buddy"], { stdin: "pipe", stdout: "pipe", stderr: "ignore" });
  const reader = p.stdout.getReader();
  let buf = "";
  const next = async () => {
    for (;;) {
      const i = buf.indexOf("\n");
      if (i >= 0) return buf.slice(0, i);
      const { value, done } = await reader.read();
      if (done) throw new Error("host closed its stdout");
      buf += new TextDecoder().decode(value);
    }
  };
  const send = (o: unknown) => (p.stdin.write(`${JSON.stringify(o)}\n`), p.stdin.flush());
  send({ jsonrpc: "2.0", id: 1, method: "initialize", params: { plugin: "buddy", pluginRoot: pluginDir, modules: [join(pluginDir, "host.js")], installId: "bench", cwd: tmpdir() } });
  await next();
  buf = buf.slice(buf.indexOf("\n") + 1);
  send({ jsonrpc: "2.0", id: 2, method: "call", params: { name: "card", params: {} } });
  await next();
  const ms = performance.now() - t;
  p.stdin.end();
  await p.exited;
  return ms;
}

function keelBuddy(): number {
  const t = performance.now();
  const r = Bun.spawnSync([keel, "--flag", "buddy=true", "buddy", "--id", "bench", "--json", "--plugin-dir", pluginDir], {
    env: { ...process.env, KEEL_HOME: mkdtempSync(join(tmpdir(), "keel-bench-")), NO_COLOR: "1" },
    stdout: "pipe",
    stderr: "pipe",
  });
  if (r.exitCode !== 0) throw new Error(`keel buddy failed: ${r.stderr.toString()}`);
  return performance.now() - t;
}

const rates = Array.from({ length: 5 }, derivePerSecond);
const host: number[] = [];
for (let i = 0; i < 7; i++) host.push(await hostFirstCard());
const cli: number[] = [];
for (let i = 0; i < 7; i++) cli.push(keelBuddy());

const ok = report("buddy", [
  { name: "companions derived per second", value: Math.round(median(rates)), unit: "/s", budget: 20_000, atLeast: true },
  { name: "plugin host: spawn → first card", value: median(host), unit: "ms", budget: 250 },
  { name: "keel buddy --id X --json (whole process)", value: median(cli), unit: "ms", budget: 600 },
]);
process.exit(ok ? 0 : 1);
