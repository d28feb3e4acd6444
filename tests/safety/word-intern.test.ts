// The parser hands out repeated words as shared strings (parse/intern.ts). Sharing must
// never change a word: whatever the table held before, a word is exactly its text.
import { fullGC, heapSize } from "bun:jsc";
import { describe, expect, test } from "bun:test";
import { wordAt } from "../../src/safety/bash/parse/intern.ts";
import { analyzeUncached } from "../../src/safety/index.ts";

describe("word interning", () => {
  test("every word is its own text, across thousands of words that share slots", () => {
    // More distinct words than the table has slots, so most slots are taken over and over;
    // words of the same length that differ in one character make near-collisions.
    const words: string[] = [];
    for (let i = 0; i < 20000; i++) words.push(i % 3 ? `w${i.toString(36)}` : `--flag-${i % 97}-${"x".repeat(i % 40)}`);
    const line = words.join(" ");
    for (let round = 0; round < 2; round++) {
      let at = 0;
      for (const w of words) {
        expect(wordAt(line, at, at + w.length)).toBe(w);
        at += w.length + 1;
      }
    }
  });

  test("a word of one source is never answered from another source's word in its slot", () => {
    const a = "abcdefgh";
    const b = "abcdefgi";
    expect(wordAt(a, 0, 8)).toBe("abcdefgh");
    expect(wordAt(b, 0, 8)).toBe("abcdefgi");
    expect(wordAt(a, 0, 8)).toBe("abcdefgh");
    expect(wordAt(a, 2, 6)).toBe("cdef");
  });

  test("an analysis reads the same argv whether its words were seen before or not", () => {
    const command = "git commit -m 'release notes' && npm run build -- --mode production | tee build.log";
    const first = analyzeUncached(command);
    // Fill the table with other words, then analyse again: the same sub-commands, word for word.
    analyzeUncached(Array.from({ length: 5000 }, (_, i) => `echo word-${i}`).join(" && "));
    expect(analyzeUncached(command).commands.map((c) => c.argv)).toEqual(first.commands.map((c) => c.argv));
    expect(first.commands.map((c) => c.argv)).toEqual([
      ["git", "commit", "-m", "release notes"],
      ["npm", "run", "build", "--", "--mode", "production"],
      ["tee", "build.log"],
    ]);
  });

  test("the table holds copies of words, not the lines they were cut from", () => {
    // 4000 lines of 10 KB, one new word each kept in the table: slices would keep 40 MB alive.
    fullGC();
    const before = heapSize();
    const filler = "y".repeat(10 * 1024);
    for (let i = 0; i < 4000; i++) {
      const line = `w${i}x ${filler}${i}`;
      wordAt(line, 0, line.indexOf(" "));
    }
    fullGC();
    expect(heapSize() - before).toBeLessThan(8 * 1024 * 1024);
  });
});
