import { expect, test } from "bun:test";
import { scanOption } from "../../src/config/index.ts";

test.each([
  [["--plugin-dir", "a", "-p", "x", "--plugin-dir=b"], ["a", "b"]],
  [["--plugin-dir"], []], // a name with no value after it is commander's error to report
  [["-p", "--", "--plugin-dir", "a"], []], // after -- everything is an argument
  [["--plugin-dirs", "a", "--plugin-dir-x=b"], []], // only the exact name
  [["--plugin-dir=", "--plugin-dir", "--flag"], ["", "--flag"]],
])("scanOption(%j)", (argv, want) => {
  expect(scanOption(argv, "--plugin-dir")).toEqual(want);
});
