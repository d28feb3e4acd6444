// Bash analysis speed, measured as the binary runs it: this script compiles itself into a
// throw-away binary and runs the measurement there. Budget: p99 ≤ 1 ms per command for
// commands up to 10 KB — reported per size band, beside the parser's own time on the same
// commands. The long inputs (tests/safety/corpus/long.ts) are distinct commands of every
// shape an agent sends, hostile ones included; nothing here is cached. The first analysis
// of a process is timed on its own: there is no parser to load any more, so it is the
// cold-code cost an agent's first Bash call pays.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { analyzeUncached, parseBash } from "../src/safety/index.ts";
import { HOSTILE } from "../tests/safety/corpus/hostile.ts";
import { deepShells, deepSubstitution, longCommands } from "../tests/safety/corpus/long.ts";
import { ORDINARY } from "../tests/safety/corpus/ordinary.ts";
import { median, percentile, report, type Measure } from "./budget.ts";

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
  const run = Bun.spawnSync([bin, ...process.argv.slice(2)], { stdout: "inherit", stderr: "inherit", env: { ...process.env, BUN_BE_BUN: undefined } });
  rmSync(dir, { recursive: true, force: true });
  process.exit(run.exitCode ?? 1);
}

const t0 = performance.now();
analyzeUncached("git status --short && npm test 2>&1 | tail -20");
const firstMs = performance.now() - t0;

interface Case {
  command: string;
  shape: string;
  /** The size a long input was made for (its length is a little under, never over): its band. */
  size?: number;
}
const cases: Case[] = [...ORDINARY.map((command) => ({ command, shape: "ordinary" })), ...HOSTILE.map(([command]) => ({ command, shape: "hostile" }))];
for (const size of [1024, 2048, 4096, 7168, 10240]) {
  for (let seed = 0; seed < 10; seed++) for (const [command, , shape] of longCommands(size, seed)) cases.push({ command, shape, size });
}
for (const depth of [8, 16, 32]) cases.push({ command: deepSubstitution(depth), shape: "deep-substitution" });
for (const depth of [3, 4, 5]) cases.push({ command: deepShells(depth), shape: "deep-shells" });

const BANDS = [
  { name: "< 1 KB", below: 1024 },
  { name: "1–2 KB", below: 2048 },
  { name: "2–5 KB", below: 5120 },
  { name: "5–10 KB", below: 10241 },
] as const;
const bandOf = (c: Case) => BANDS.findIndex((b) => (c.size ?? c.command.length) < b.below);

const ROUNDS = 5;
for (let i = 0; i < 3; i++) for (const c of cases) analyzeUncached(c.command); // warm the JIT
const full: number[][] = BANDS.map(() => []);
const parse: number[][] = BANDS.map(() => []);
const byShape = new Map<string, number[]>();
for (let round = 0; round < ROUNDS; round++) {
  for (const c of cases) {
    const band = bandOf(c);
    if (band < 0) continue;
    let start = performance.now();
    analyzeUncached(c.command);
    const ms = performance.now() - start;
    full[band]!.push(ms);
    if (band === BANDS.length - 1) {
      if (!byShape.has(c.shape)) byShape.set(c.shape, []);
      byShape.get(c.shape)!.push(ms);
    }
    start = performance.now();
    parseBash(c.command);
    parse[band]!.push(performance.now() - start);
  }
}

const big = full.slice(1).flat();
const measures: Measure[] = [
  { name: "first analysis in a fresh process (cold code)", value: firstMs, unit: "ms" },
  { name: `commands measured (${cases.length} × ${ROUNDS})`, value: full.flat().length, unit: "runs" },
  { name: "median, all commands", value: median(full.flat()) * 1000, unit: "µs" },
];
BANDS.forEach((b, i) => {
  const xs = full[i]!;
  if (!xs.length) return;
  measures.push(
    { name: `${b.name} (${xs.length / ROUNDS}): p50`, value: median(xs), unit: "ms" },
    { name: `${b.name}: p99`, value: percentile(xs, 99), unit: "ms", budget: 1 },
    { name: `${b.name}: parse alone p50 / p99`, value: median(parse[i]!), unit: `ms / ${percentile(parse[i]!, 99).toFixed(2)} ms` },
  );
});
measures.push(
  { name: "p99, commands 1–10 KB", value: percentile(big, 99), unit: "ms", budget: 1 },
  { name: "max, commands 1–10 KB", value: Math.max(...big), unit: "ms" },
);
for (const [shape, xs] of byShape) measures.push({ name: `5–10 KB ${shape}: p50 / max`, value: median(xs), unit: `ms / ${Math.max(...xs).toFixed(2)} ms` });
const ok = report("bash analysis (compiled binary)", measures);
process.exit(ok ? 0 : 1);
