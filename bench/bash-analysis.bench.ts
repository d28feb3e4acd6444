// Bash analysis speed, measured as the binary runs it: this script compiles itself into a
// throw-away binary and runs the measurement there. Budget: p99 ≤ 1 ms per command for
// commands up to 10 KB — reported per size band, beside the parser's own time on the same
// commands. The long inputs (tests/safety/corpus/long.ts) are distinct commands of every
// shape an agent sends, hostile ones included; nothing here is cached. The first analysis
// of a process is timed on its own: there is no parser to load any more, so it is the
// cold-code cost an agent's first Bash call pays.
//
// The budget is on the 99th percentile of every run in a band, as the issue states it: what
// a caller waits for. On this 2-core VM that p99 is set by where the runtime's collections
// land (one per 8–10 MB allocated, anywhere in the process, pausing 0.6–7 ms here) and by
// the VM's own stalls (the fixed loop measured beside shows them), so the analysis's own
// cost is printed beside it: each command's median run, and the 99th percentile of those.
// So is the machine's floor (bench/bash-floor.ts): a tokenizer that analyses nothing but
// makes a result of the same shape, timed on the 5–10 KB commands in the same process after
// the analysis. Its p99 is what any analysis would pay here; when it is near 1 ms, the
// budget cannot be met on this machine.
// What an analysis adds to collections is its allocation, so a second run counts them
// (BUN_JSC_logGC): the bytes a dense 10 KB line allocates and the share of analyses a
// collection landed in (bench/collections.ts).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { analyzeUncached, parseBash } from "../src/safety/index.ts";
import { tokenizeFloor } from "./bash-floor.ts";
import { HOSTILE } from "../tests/safety/corpus/hostile.ts";
import { deepShells, deepSubstitution, longCommands } from "../tests/safety/corpus/long.ts";
import { ORDINARY } from "../tests/safety/corpus/ordinary.ts";
import { median, percentile, report, type Measure } from "./budget.ts";
import { countCollections, DENSE_SHAPES, reportCollections } from "./collections.ts";

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
  const env = { ...process.env, BUN_BE_BUN: undefined };
  const run = Bun.spawnSync([bin, ...process.argv.slice(2)], { stdout: "inherit", stderr: "inherit", env });
  const gc = Bun.spawnSync([bin, "--collections"], { stdout: "inherit", stderr: "pipe", env: { ...env, BUN_JSC_logGC: "true" } });
  rmSync(dir, { recursive: true, force: true });
  if (gc.exitCode === 0) reportCollections(gc.stderr.toString());
  else console.error("the collections run failed:", gc.stderr.toString().slice(-400));
  process.exit(run.exitCode ?? 1);
}

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
const LAST = BANDS.length - 1;
const bandOf = (c: Case) => BANDS.findIndex((b) => (c.size ?? c.command.length) < b.below);

if (process.argv.includes("--collections")) {
  countCollections(
    cases.filter((c) => bandOf(c) === LAST).map((c) => c.command),
    cases.filter((c) => c.size === 10240 && DENSE_SHAPES.includes(c.shape)).map((c) => c.command),
    analyzeUncached,
  );
  process.exit(0);
}

const t0 = performance.now();
analyzeUncached("git status --short && npm test 2>&1 | tail -20");
const firstMs = performance.now() - t0;

// The machine's own noise: a fixed loop that allocates nothing, about as long as a dense
// 10 KB analysis, timed after each of those.
const probe = cases.find((c) => c.size === 10240)!.command;
function fixedLoop(reps: number): number {
  let h = 0;
  for (let r = 0; r < reps; r++) for (let i = 0; i < probe.length; i++) h = Math.imul(h ^ probe.charCodeAt(i), 16777619);
  return h;
}

const ROUNDS = 5;
// Warm the JIT, for the analysis and the floor alike.
for (let i = 0; i < 3; i++) {
  for (const c of cases) {
    analyzeUncached(c.command);
    tokenizeFloor(c.command);
  }
}
// Sized on the fastest of nine tries, so a stall while sizing it does not make it short.
let reps = 1;
for (let ms = 0; ms < 0.3; reps += 2) {
  ms = Infinity;
  for (let k = 0; k < 9; k++) {
    const s = performance.now();
    fixedLoop(reps);
    ms = Math.min(ms, performance.now() - s);
  }
}
const runs: number[][] = cases.map(() => []);
const parse: number[][] = BANDS.map(() => []);
const loop: number[] = [];
const floor: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  cases.forEach((c, i) => {
    const band = bandOf(c);
    if (band < 0) return;
    let start = performance.now();
    analyzeUncached(c.command);
    runs[i]!.push(performance.now() - start);
    start = performance.now();
    parseBash(c.command);
    parse[band]!.push(performance.now() - start);
    if (band === LAST) {
      start = performance.now();
      fixedLoop(reps);
      loop.push(performance.now() - start);
    }
  });
}
// The floor after the analysis, not between its runs: its allocation would bring collections
// into the analysis's own measurement.
for (let round = 0; round < ROUNDS; round++) {
  for (const c of cases) {
    if (bandOf(c) !== LAST) continue;
    const start = performance.now();
    tokenizeFloor(c.command);
    floor.push(performance.now() - start);
  }
}

const inBand = (band: number) => cases.flatMap((c, i) => (bandOf(c) === band ? [i] : []));
const medians = (idx: number[]) => idx.map((i) => median(runs[i]!));
const every = (idx: number[]) => idx.flatMap((i) => runs[i]!);
const measures: Measure[] = [
  { name: "first analysis in a fresh process (cold code)", value: firstMs, unit: "ms" },
  { name: `commands measured (${cases.length} × ${ROUNDS} runs)`, value: every(cases.map((_, i) => i)).length, unit: "runs" },
  { name: "median, all commands", value: median(every(cases.map((_, i) => i))) * 1000, unit: "µs" },
];
BANDS.forEach((b, band) => {
  const idx = inBand(band);
  if (!idx.length) return;
  measures.push(
    { name: `${b.name} (${idx.length}): p50`, value: median(every(idx)), unit: "ms" },
    { name: `${b.name}: p99 of every run`, value: percentile(every(idx), 99), unit: "ms", budget: 1 },
    { name: `${b.name}: p99 of each command's median`, value: percentile(medians(idx), 99), unit: "ms" },
    { name: `${b.name}: parse alone p50 / p99`, value: median(parse[band]!), unit: `ms / ${percentile(parse[band]!, 99).toFixed(2)} ms` },
  );
});
const big = [1, 2, 3].flatMap(inBand);
measures.push(
  { name: "1–10 KB: p99 of every run", value: percentile(every(big), 99), unit: "ms", budget: 1 },
  { name: "1–10 KB: p99 of each command's median / max of every run", value: percentile(medians(big), 99), unit: `ms / ${Math.max(...every(big)).toFixed(2)} ms` },
  { name: "fixed loop beside 5–10 KB: p50 / p99 / max", value: median(loop), unit: `ms / ${percentile(loop, 99).toFixed(2)} / ${Math.max(...loop).toFixed(2)} ms` },
  { name: "floor on 5–10 KB (bench/bash-floor.ts): p50", value: median(floor), unit: "ms" },
  { name: "floor: p99 of every run / max", value: percentile(floor, 99), unit: `ms / ${Math.max(...floor).toFixed(2)} ms` },
);
const byShape = new Map<string, number[]>();
for (const i of inBand(LAST)) {
  const shape = cases[i]!.shape;
  byShape.set(shape, [...(byShape.get(shape) ?? []), ...runs[i]!]);
}
for (const [shape, xs] of byShape) measures.push({ name: `5–10 KB ${shape}: p50 / max`, value: median(xs), unit: `ms / ${Math.max(...xs).toFixed(2)} ms` });
const ok = report("bash analysis (compiled binary)", measures);
process.exit(ok ? 0 : 1);
