// The download bar: drawn only when its stream is a terminal, ends its line once.
import { expect, test } from "bun:test";
import { progressBar } from "../../src/cli/plugin-progress.ts";

const stream = (isTTY: boolean) => {
  const out: string[] = [];
  return { out, isTTY, write: (s: string) => out.push(s) };
};

test("at a terminal: the final frame shows 100% and the sizes, then a newline", () => {
  const s = stream(true);
  const bar = progressBar("downloading x 1.0.0", s);
  bar.onProgress(0, 2048);
  bar.onProgress(2048, 2048);
  bar.done();
  expect(s.out.at(-2)).toBe(`\rdownloading x 1.0.0 [${"#".repeat(24)}] 100% 2.0 KiB/2.0 KiB`);
  expect(s.out.at(-1)).toBe("\n");
});

test("not a terminal: nothing at all", () => {
  const s = stream(false);
  const bar = progressBar("downloading x 1.0.0", s);
  bar.onProgress(10, 20);
  bar.onProgress(20, 20);
  bar.done();
  expect(s.out).toEqual([]);
});
