// Bash analysis speed, measured against the parser as bundled: this script compiles itself
// into a throw-away binary (wasm embedded, read from /$bunfs/) and runs the measurement
// there. Budgets: p99 ≤ 1 ms per command for commands up to 10 KB, after init.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { analyzeWith, bashParser } from "../src/safety/index.ts";
import { HOSTILE } from "../tests/safety/corpus/hostile.ts";
import { ORDINARY } from "../tests/safety/corpus/ordinary.ts";
import { median, percentile, report } from "./budget.ts";

const compiled = Bun.main.startsWith("/$bunfs/");

if (!compiled) {
  const dir = mkdtempSync(join(tmpdir(), "keel-bench-bash-"));
  const bin = join(dir, "bench-bash");
  const build = Bun.spawnSync(
    [process.execPath, "build", "--compile", "--minify", "--bytecode", "--format=esm", `--outfile=${bin}`, import.meta.path],
    { stdout: "ignore", stderr: "inherit" },
  );
  if (build.exitCode !== 0) {
    console.error("could not compile the bench binary");
    process.exit(1);
  }
  const run = Bun.spawnSync([bin], { stdout: "inherit", stderr: "inherit", env: { ...process.env, BUN_BE_BUN: undefined } });
  rmSync(dir, { recursive: true, force: true });
  process.exit(run.exitCode ?? 1);
}

const t0 = performance.now();
const parser = await bashParser();
const initMs = performance.now() - t0;

/** Real-looking long commands: chains, pipelines, heredocs and quoted payloads up to 10 KB. */
function large(size: number, seed: number): string {
  const parts = [
    "git add -A && git commit -m \"chore: update generated files\"",
    "npm run build -- --mode production 2>&1 | tee build.log",
    "find src -name '*.ts' -not -path '*/node_modules/*' | xargs grep -n TODO",
    "for f in dist/*.js; do gzip -k \"$f\"; done",
    "echo \"$(date +%s) done\" >> progress.log",
    "if [ -f .env ]; then cp .env .env.bak; fi",
    "sed -n '1,200p' src/index.ts | awk '{print NR\": \"$0}'",
  ];
  let out = "";
  let i = seed;
  while (out.length < size) out += (out ? (i % 3 === 0 ? "\n" : " && ") : "") + parts[i++ % parts.length];
  return out.slice(0, size).replace(/[&|;\\\s]+$/, "");
}
function heredoc(size: number): string {
  return `cat > notes.md <<'EOF'\n${"lorem ipsum dolor sit amet ".repeat(Math.ceil(size / 27)).slice(0, size - 40)}\nEOF`;
}

const commands: string[] = [...ORDINARY, ...HOSTILE.map(([c]) => c)];
for (const size of [1024, 4096, 10240]) for (let s = 0; s < 10; s++) commands.push(large(size, s), heredoc(size));

for (let i = 0; i < 3; i++) for (const c of commands) analyzeWith(parser, c); // warm the JIT
const small: number[] = [];
const big: number[] = [];
for (let round = 0; round < 5; round++) {
  for (const c of commands) {
    const start = performance.now();
    analyzeWith(parser, c);
    (c.length >= 1024 ? big : small).push(performance.now() - start);
  }
}
const all = [...small, ...big];
const ok = report("bash analysis (compiled binary, embedded wasm)", [
  { name: "parser init (wasm load, cold)", value: initMs, unit: "ms" },
  { name: `commands measured (${commands.length} × 5)`, value: all.length, unit: "runs" },
  { name: "median, all commands", value: median(all) * 1000, unit: "µs" },
  { name: "p99, commands < 1 KB", value: percentile(small, 99), unit: "ms", budget: 1 },
  { name: "p99, commands 1–10 KB", value: percentile(big, 99), unit: "ms", budget: 1 },
  { name: "max, commands 1–10 KB", value: Math.max(...big), unit: "ms" },
]);
process.exit(ok ? 0 : 1);
