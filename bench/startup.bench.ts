// Start-up of the compiled binary: `keel --version` and `keel --help` against a compiled
// hello-world built by the same Bun with the same flags (the floor for this runtime).
// Median wall time over ≥ 20 runs after warm-ups, and peak RSS, beside the budgets.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { median, report } from "./budget.ts";

const root = join(import.meta.dir, "..");
const out = join(import.meta.dir, ".out");
const keel = join(root, "dist", "keel");
const RUNS = 30;
const WARMUP = 3;

function build(args: string[]): void {
  const p = Bun.spawnSync([process.execPath, ...args], { cwd: root, stdout: "ignore", stderr: "inherit" });
  if (p.exitCode !== 0) throw new Error(`build failed: bun ${args.join(" ")}`);
}

mkdirSync(out, { recursive: true });
const helloSrc = join(out, "hello.ts");
writeFileSync(helloSrc, 'console.log("hello");\n');
const hello = join(out, "hello");
// Same flags as scripts/build.ts, so the only difference is keel's own code.
build(["build", "--compile", "--minify", "--sourcemap", "--format=esm", "--splitting", "--bytecode", `--outfile=${hello}`, helloSrc]);
if (!existsSync(keel)) build([join(root, "scripts", "build.ts")]);

interface Sample {
  ms: number;
  rssMB: number;
}

function sample(argv: string[]): Sample {
  const started = Bun.nanoseconds();
  const p = Bun.spawnSync(argv, { stdout: "ignore", stderr: "ignore", env: { ...process.env, NO_COLOR: "1" } });
  const ms = (Bun.nanoseconds() - started) / 1e6;
  if (p.exitCode !== 0) throw new Error(`${argv.join(" ")} exited ${p.exitCode}`);
  // Bun reports maxRSS in bytes.
  return { ms, rssMB: (p.resourceUsage?.maxRSS ?? 0) / (1024 * 1024) };
}

function measure(argv: string[]): { ms: number; rssMB: number } {
  for (let i = 0; i < WARMUP; i++) sample(argv);
  const runs = Array.from({ length: RUNS }, () => sample(argv));
  return { ms: median(runs.map((r) => r.ms)), rssMB: Math.max(...runs.map((r) => r.rssMB)) };
}

const floor = measure([hello]);
const version = measure([keel, "--version"]);
const help = measure([keel, "--help"]);

const ok = report(`start-up, median of ${RUNS} runs (hello-world floor ${floor.ms.toFixed(2)} ms, ${floor.rssMB.toFixed(1)} MB)`, [
  { name: "hello-world (floor)", value: floor.ms, unit: "ms" },
  { name: "keel --version", value: version.ms, unit: "ms", budget: floor.ms * 1.5 },
  { name: "keel --version vs floor", value: version.ms / floor.ms, unit: "×", budget: 1.5 },
  { name: "keel --help", value: help.ms, unit: "ms", budget: 60 },
  { name: "keel --version peak RSS", value: version.rssMB, unit: "MB", budget: 40 },
  { name: "keel --help peak RSS", value: help.rssMB, unit: "MB" },
  { name: "hello-world peak RSS", value: floor.rssMB, unit: "MB" },
]);
process.exit(ok ? 0 : 1);
