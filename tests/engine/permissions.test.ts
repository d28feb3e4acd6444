// The permission seam's pure part as a table: tool lists from the CLI (--allowed-tools and
// --disallowed-tools) split into rules.
import { describe, expect, test } from "bun:test";
import { parseToolList } from "../../src/engine/index.ts";

describe("parseToolList", () => {
  const cases: Array<[string[], string[]]> = [
    [["Read,Grep"], ["Read", "Grep"]],
    [["Read Grep", "LS"], ["Read", "Grep", "LS"]],
    [["Bash(git log:*) Edit"], ["Bash(git log:*)", "Edit"]],
    [[" , "], []],
  ];
  for (const [input, expected] of cases) test(JSON.stringify(input), () => expect(parseToolList(input)).toEqual(expected));
});
