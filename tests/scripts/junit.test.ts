// scripts/junit.ts against a report the real runner wrote: a child bun test over a file
// with a failing, a passing and a skipped case, so a change in bun's report shows here.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { formatFailures, readCounts, readFailures } from "../../scripts/junit.ts";

let dir = "";
let xml = "";
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "keel-junit-"));
  mkdirSync(join(dir, "tests"));
  writeFileSync(
    join(dir, "tests", "t.test.ts"),
    `import { describe, expect, test } from "bun:test";
describe("the UI <tmux>", () => {
  test("waits & fails", () => { throw new Error('timed out waiting for frame-A; the screen shows:\\n  "quoted" & <angled>\\nlast line'); });
});
test("passes", () => expect(1).toBe(1));
test.skip("skipped", () => {});
`,
  );
  const out = join(dir, "j.xml");
  Bun.spawnSync([process.execPath, "test", "--reporter=junit", `--reporter-outfile=${out}`], { cwd: dir, stdout: "ignore", stderr: "ignore" });
  xml = readFileSync(out, "utf8");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("the counts are the runner's own", () => {
  expect(readCounts(xml)).toEqual({ total: 3, failed: 1, skipped: 1 });
  expect(readCounts("<testsuites>")).toBeUndefined();
});

test("a failure names its file, describe and test, with the whole message unescaped", () => {
  const failures = readFailures(xml);
  expect(failures).toHaveLength(1);
  expect(failures[0]!.test).toBe("tests/t.test.ts > the UI <tmux> > waits & fails");
  expect(failures[0]!.message).toContain('timed out waiting for frame-A; the screen shows:\n  "quoted" & <angled>\nlast line');
});

test("long messages are cut to their first lines, saying how many were left out", () => {
  const text = formatFailures([{ test: "a > b", message: Array.from({ length: 100 }, (_, i) => `line ${i}`).join("\n") }], 10);
  expect(text.split("\n")).toEqual(["FAILED a > b", ...Array.from({ length: 10 }, (_, i) => `  line ${i}`), "  … 90 more lines"]);
});
