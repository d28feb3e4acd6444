// The permission seam's pure parts as tables: tool lists from the CLI and the
// allow-list gate --allowed-tools builds.
import { describe, expect, test } from "bun:test";
import { allowListGate, parseToolList } from "../../src/engine/index.ts";
import { probeTool } from "./harness.ts";

describe("parseToolList", () => {
  const cases: Array<[string[], string[]]> = [
    [["Read,Grep"], ["Read", "Grep"]],
    [["Read Grep", "LS"], ["Read", "Grep", "LS"]],
    [["Bash(git log:*) Edit"], ["Bash(git log:*)", "Edit"]],
    [[" , "], []],
  ];
  for (const [input, expected] of cases) test(JSON.stringify(input), () => expect(parseToolList(input)).toEqual(expected));
});

describe("allowListGate", () => {
  const gate = allowListGate(["Read", "Bash(git:*)"]);
  test("a listed tool is allowed", () => expect(gate.check(probeTool("Read"), {}, { cwd: "/" })).toEqual({ behavior: "allow" }));
  test("an unlisted tool asks, naming the flag", () =>
    expect(gate.check(probeTool("Write"), {}, { cwd: "/" })).toEqual({ behavior: "ask", reason: "Write is not in --allowed-tools" }));
  test("a content rule does not allow its whole tool", () => expect(gate.check(probeTool("Bash"), {}, { cwd: "/" })).toMatchObject({ behavior: "ask" }));
});
