// Garbage collections around the Bash analysis, counted from JavaScriptCore's own log
// (BUN_JSC_logGC=true writes a line per collection to stderr): the bench binary writes a
// marker around each timed analysis, and the parent reads which collections fell inside.
// Bytes per analysis come from how many collections a run of dense 10 KB lines needs: one
// starts each time the bytes allocated since the last pass the allowance the log names.
import { writeSync } from "node:fs";
import { median, report } from "./budget.ts";

/** The long shapes with a command every few dozen bytes: the most allocation per KB. */
export const DENSE_SHAPES: readonly string[] = ["chain", "pipeline", "hostile-tail"];

const DENSE_RUNS = 3000;
const ROUNDS = 5;

/** In the bench binary: analyses with markers on stderr, for reportCollections to read. */
export function countCollections(band: readonly string[], dense: readonly string[], analyze: (command: string) => unknown): void {
  for (let i = 0; i < 3; i++) for (const c of band) analyze(c);
  for (let round = 0; round < ROUNDS; round++) {
    for (const c of band) {
      writeSync(2, "<\n");
      analyze(c);
      writeSync(2, ">\n");
    }
  }
  writeSync(2, "dense\n");
  for (let i = 0; i < DENSE_RUNS; i++) analyze(dense[i % dense.length]!);
  writeSync(2, "end\n");
}

/** In the parent: the collections counted in the binary's stderr, reported for scale (no budget). */
export function reportCollections(log: string): void {
  let inside = false;
  let hit = false;
  let analyses = 0;
  let hits = 0;
  let dense = -1;
  let denseBytes = 0;
  let allowance = 0;
  const pauses: number[] = [];
  for (const line of log.split("\n")) {
    if (line === "<") [inside, hit] = [true, false];
    else if (line === ">") {
      analyses++;
      if (hit) hits++;
      inside = false;
    } else if (line === "dense") dense = 0;
    else if (line === "end") break;
    else if (line.includes("START")) {
      if (inside) hit = true;
      if (dense >= 0) {
        dense++;
        denseBytes += allowance;
      }
      const pause = /p=([\d.]+)ms/.exec(line);
      if (pause) pauses.push(Number(pause[1]));
    } else {
      const allowed = /bytes allowed: (\d+)/.exec(line);
      if (allowed) allowance = Number(allowed[1]);
    }
  }
  if (analyses === 0 || dense < 0) {
    console.log("collections: the binary wrote no markers (is BUN_JSC_logGC honoured?)");
    return;
  }
  const mb = allowance / 2 ** 20;
  report("collections (a second run, BUN_JSC_logGC=true)", [
    { name: `5–10 KB analyses a collection landed in`, value: hits, unit: `of ${analyses} (${((100 * hits) / analyses).toFixed(1)}%)` },
    { name: "collection pause p50 / max", value: pauses.length ? median(pauses) : 0, unit: `ms / ${pauses.length ? Math.max(...pauses).toFixed(2) : "0"} ms` },
    { name: "allocated per dense 10 KB analysis", value: denseBytes / DENSE_RUNS / 1024, unit: `KB (${dense} collections, each at ${mb.toFixed(0)} MB)` },
  ]);
}
