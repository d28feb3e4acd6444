// Checks that scan every word with a hand-written loop instead of a regex must decide as
// the regex they replace does.
import { describe, expect, test } from "bun:test";
import { analyzeUncached } from "../../src/safety/index.ts";

const IFS_EXPANSION = /\$\{?IFS\b/;

describe("word scans", () => {
  test("ifs-manipulation fires on a word exactly when /\\$\\{?IFS\\b/ matches it", () => {
    const pieces = ["$", "{", "I", "F", "S", "IFS", "$IFS", "${IFS}", "x", "_", "9", "-", "}", " "];
    const words = new Set<string>(["$IFS", "${IFS}", "a$IFS", "$IFSx", "$IFS_", "$IFS9", "$IFS-", "${IFS", "$IF", "IFS", "$ IFS", "$$IFS", "${{IFS"]);
    // Every string of up to four pieces: near misses on each side of every character.
    const grow = (prefix: string, n: number) => {
      if (prefix) words.add(prefix);
      if (n === 0) return;
      for (const p of pieces) grow(prefix + p, n - 1);
    };
    grow("", 4);
    let fired = 0;
    for (const w of words) {
      // Single quotes keep the word literal: its argv value is exactly w.
      const a = analyzeUncached(`printf '%s' '${w}'`);
      expect(a.commands[0]?.argv[2]).toBe(w);
      const ifs = a.checks.some((c) => c.id === "ifs-manipulation");
      if (ifs !== IFS_EXPANSION.test(w)) throw new Error(`ifs-manipulation ${ifs ? "fired" : "did not fire"} on ${JSON.stringify(w)}`);
      if (ifs) fired++;
    }
    expect(fired).toBeGreaterThan(100);
  });
});
