// The analysis gives the recorded result for every corpus command and long input: same
// verdict, same fired check ids in the same order, same whole analysis (hash). The record
// was made with the analysis before its speed-up, so this is the old path and the new path
// agreeing (three entries were re-recorded on purpose when nesting-limit came: deep-substitution
// 40 and deep-shells 4 and 5); after a deliberate change to a check, regenerate it (golden.ts).
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { analyzeBash } from "../../src/safety/index.ts";
import { GOLDEN_FILE, type GoldenEntry, goldenInputs, goldenOf } from "./golden.ts";

describe("bash analysis golden record", () => {
  const recorded = JSON.parse(readFileSync(GOLDEN_FILE, "utf8")) as GoldenEntry[];

  test("the record covers every input, in order, with the same texts", () => {
    const inputs = goldenInputs();
    expect(recorded.map((g) => `${g.name}/${g.network}`)).toEqual(inputs.map((i) => `${i.name}/${i.network}`));
  });

  test("every input gets its recorded verdict, check ids and whole analysis", async () => {
    const now = await goldenOf(analyzeBash);
    const differ = now.filter((g, i) => JSON.stringify(g) !== JSON.stringify(recorded[i]));
    expect(differ.map((g) => `${g.name} (network ${g.network}): ${g.verdict} [${g.checks.join(", ")}]`)).toEqual([]);
    expect(now.length).toBeGreaterThan(1000);
  });
});
