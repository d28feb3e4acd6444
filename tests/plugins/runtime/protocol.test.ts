// The host wire's line splitter: lines split across chunks, characters split across chunks,
// and a very long line (a 50 MB tool answer) arriving in small pipe-sized chunks.
import { expect, test } from "bun:test";
import { LineSplitter } from "../../../src/plugins/host/index.ts";

test("a line split across chunks comes out whole, blank lines are skipped, the unfinished tail waits", () => {
  const s = new LineSplitter();
  expect(s.feed('{"a":')).toEqual([]);
  expect(s.feed('1}\n\n{"b"')).toEqual(['{"a":1}']);
  expect(s.feed(":2}\n")).toEqual(['{"b":2}']);
  expect(s.feed("tail")).toEqual([]);
});

test("a character split between chunks is decoded whole", () => {
  const bytes = new TextEncoder().encode("ünïcødé ✓\n");
  const s = new LineSplitter();
  const out = [...bytes].flatMap((b) => s.feed(new Uint8Array([b])));
  expect(out).toEqual(["ünïcødé ✓"]);
});

// Not a speed test: the splitter used to rescan the whole buffered line on every chunk,
// so 50 MB in 16 KB chunks (3,200 rescans of up to 50 MB) took minutes.
test("a 50 MB line in 16 KB chunks is one line", () => {
  const s = new LineSplitter();
  const chunk = new TextEncoder().encode("x".repeat(16 * 1024));
  const n = Math.ceil((50 * 1024 * 1024) / chunk.length);
  for (let i = 0; i < n; i++) expect(s.feed(chunk).length).toBe(0);
  const [line, ...rest] = s.feed("y\nnext");
  expect(rest).toEqual([]);
  expect(line?.length).toBe(n * chunk.length + 1);
  expect(s.feed("\n")).toEqual(["next"]);
}, 20_000);
