// Local override parsing: values as JSON else string, key=value pairs from --flag and
// KEEL_FLAGS, and clear errors for unknown keys and wrongly typed values.
import { describe, expect, test } from "bun:test";
import { KeelError } from "../../src/errors.ts";
import { parseValue, scanFlagArgs } from "../../src/flags/index.ts";
import { parseAssignments, parseEnvFlags } from "../../src/flags/overrides.ts";

describe("parseValue", () => {
  test.each([
    ["true", true],
    ["false", false],
    ["3", 3],
    ["1.5", 1.5],
    ["null", null],
    ['"quoted"', "quoted"],
    ["plain words", "plain words"],
    ["[1,2]", [1, 2]],
    ['{"a":1}', { a: 1 }],
  ])("%s", (text, want) => {
    expect(parseValue(text)).toEqual(want as never);
  });
});

describe("KEEL_FLAGS and --flag pairs", () => {
  test("pairs parse, later pairs win, blanks are skipped", () => {
    expect(parseEnvFlags("buddy=true, kairos=false,,buddy=false")).toEqual({ buddy: false, kairos: false });
    expect(parseEnvFlags(undefined)).toEqual({});
  });

  test.each([
    ["budy=true", /unknown flag "budy" in KEEL_FLAGS/, /did you mean buddy/],
    ["buddy", /expected key=value/, /buddy=true/],
    ["buddy=yes", /KEEL_FLAGS: buddy must be a boolean, got string "yes"/, undefined],
  ])("%s is refused clearly", (text, message, hint) => {
    let err: unknown;
    try {
      parseEnvFlags(text);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(KeelError);
    expect((err as KeelError).message).toMatch(message);
    if (hint) expect((err as KeelError).hint).toMatch(hint);
  });

  test("--flag names its source", () => {
    expect(() => parseAssignments(["kairoz=true"], "--flag")).toThrow(/unknown flag "kairoz" in --flag/);
  });
});

describe("scanFlagArgs", () => {
  test.each([
    [["--flag", "buddy=true", "flags"], ["buddy=true"]],
    [["--flag=buddy=true", "--flag", "kairos=false"], ["buddy=true", "kairos=false"]],
    [["flags", "--json"], []],
    [["--", "--flag", "buddy=true"], []],
    [["--flag"], []],
  ])("%j → %j", (argv, want) => {
    expect(scanFlagArgs(argv)).toEqual(want);
  });
});

describe("settings.flags", () => {
  test("absent or empty settings give the schema's own defaults", async () => {
    const { parseFlagSettings } = await import("../../src/flags/settings.ts");
    const { FlagSettings: Schema } = await import("../../src/flags/settings-schema.ts");
    expect(await parseFlagSettings(undefined)).toEqual(Schema.parse({}));
    expect(await parseFlagSettings({})).toEqual(Schema.parse({}));
  });

  test("a bad field is named with its path", async () => {
    const { parseFlagSettings } = await import("../../src/flags/settings.ts");
    await expect(parseFlagSettings({ apiHost: "not a url" })).rejects.toThrow(/^settings\.flags\.apiHost: /);
    await expect(parseFlagSettings({ timeoutMs: -1 })).rejects.toThrow(/^settings\.flags\.timeoutMs: /);
    await expect(parseFlagSettings({ clientKy: "x" })).rejects.toThrow(/^settings\.flags: .*clientKy/);
  });
});
