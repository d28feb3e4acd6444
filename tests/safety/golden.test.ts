// The analysis gives the recorded result for every corpus command and long input: same
// verdict, same fired check ids in the same order, same whole analysis (hash). After a
// deliberate change to a check, regenerate it (golden.ts) and say in the commit what moved.
// Re-recorded when the parser changed from tree-sitter-bash to our own (parse/): no verdict
// moved; check ids moved on five inputs, each now as bash reads the line — `xargs -I{} bash
// -c "{}"` runs a command named `{}` (dynamic-command, not empty-command), `{rm,-rf,src}` is
// a brace expansion, not a syntax error (dynamic-command), and a 4 KB chain keeps its
// newline-chain checks after its cut-off tail; 77 more changed only in detail (command
// texts without trailing here-strings, `python3 -` keeping its `-`, newlines kept inside
// double quotes, a redirect no longer pinned on the wrong command of a long chain).
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
