// Snip must never cut what a built-in tool has already sized for the model.
import { expect, test } from "bun:test";
import { SNIP_BUDGET_CHARS } from "../../src/context/index.ts";
import { BASH_LIMITS, GREP_LIMITS, READ_LIMITS } from "../../src/tools/index.ts";

test("the snip budget is at least every built-in tool's own output cap", () => {
  expect(SNIP_BUDGET_CHARS).toBeGreaterThanOrEqual(READ_LIMITS.outputChars);
  expect(SNIP_BUDGET_CHARS).toBeGreaterThanOrEqual(BASH_LIMITS.outputHead + BASH_LIMITS.outputTail + 200);
  expect(SNIP_BUDGET_CHARS).toBeGreaterThanOrEqual(GREP_LIMITS.outputChars);
});
