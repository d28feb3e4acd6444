import { expect, test } from "bun:test";
import { canonicalJson } from "../../src/plugins/canonical-json.ts";

test.each([
  [{ b: 1, a: [true, null, "x\"y\\"] }, '{"a":[true,null,"x\\"y\\\\"],"b":1}'],
  [{ z: { y: 2, x: 1 } }, '{"z":{"x":1,"y":2}}'],
])("canonical %#", (input, want) => {
  expect(canonicalJson(input)).toBe(want);
});

test("refuses floats", () => {
  expect(() => canonicalJson({ a: 1.5 })).toThrow("integers only");
});
