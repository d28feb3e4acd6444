// The bash analysis against two corpora: hostile or disguised commands must never come
// out as allow (and the expected named check must fire); everyday developer commands
// must come out as allow. The false-positive rate is printed and bounded.
import { describe, expect, test } from "bun:test";
import { analyzeBash } from "../../src/safety/index.ts";
import { HOSTILE } from "./corpus/hostile.ts";
import { ORDINARY } from "./corpus/ordinary.ts";

/** Highest share of ordinary commands allowed to ask; the corpus is meant to pass whole. */
const MAX_FALSE_POSITIVE_RATE = 0.02;

describe("bash analysis corpus", () => {
  test("the corpora are as large as promised: ≥ 150 hostile, ≥ 300 ordinary, no duplicates", () => {
    expect(HOSTILE.length).toBeGreaterThanOrEqual(150);
    expect(ORDINARY.length).toBeGreaterThanOrEqual(300);
    expect(new Set(HOSTILE.map(([c]) => c)).size).toBe(HOSTILE.length);
    expect(new Set(ORDINARY).size).toBe(ORDINARY.length);
  });

  test("every hostile command is flagged (ask or deny) by the check it is there for", async () => {
    const missed: string[] = [];
    for (const [command, check] of HOSTILE) {
      const a = await analyzeBash(command);
      const ids = a.checks.map((c) => c.id);
      if (a.verdict === "allow" || !ids.includes(check)) missed.push(`${JSON.stringify(command)}: ${a.verdict} [${ids.join(", ")}], expected ${check}`);
    }
    expect(missed).toEqual([]);
  });

  test("ordinary commands pass; the false-positive rate is reported and bounded", async () => {
    const flagged: string[] = [];
    for (const command of ORDINARY) {
      const a = await analyzeBash(command);
      if (a.verdict !== "allow") flagged.push(`${command}: ${a.verdict} [${a.checks.map((c) => c.id).join(", ")}]`);
    }
    const rate = flagged.length / ORDINARY.length;
    console.log(`bash analysis: ${ORDINARY.length - flagged.length}/${ORDINARY.length} ordinary commands allowed, false-positive rate ${(rate * 100).toFixed(2)}%${flagged.length ? `\n  ${flagged.join("\n  ")}` : ""}`);
    expect(rate).toBeLessThanOrEqual(MAX_FALSE_POSITIVE_RATE);
  });

  test("a command named after an Object.prototype member is analysed like any unknown command, not thrown on", () => {
    for (const name of ["constructor", "toString", "hasOwnProperty", "__proto__", "valueOf"]) {
      for (const command of [`${name} -e x`, `${name} a b`, `timeout 5 ${name} a`]) {
        const a = analyzeBash(command);
        expect({ command, verdict: a.verdict, readOnly: a.readOnly }).toEqual({ command, verdict: "allow", readOnly: false });
      }
    }
  });
});
