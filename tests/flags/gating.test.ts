// Flag-gating of the command table: a command whose flag is off is never declared, so
// it is absent from --help and cannot be run; with the flag on it is there. Also checks
// that every gate named in the real table is a known flag.
import { describe, expect, test } from "bun:test";
import { buildProgram } from "../../src/cli/index.ts";
import { COMMANDS, type CommandSpec } from "../../src/cli/commands.ts";
import { DEFAULT_SNAPSHOT, type FlagValues, isFlagKey } from "../../src/flags/index.ts";

const pet: CommandSpec = {
  flag: "buddy",
  declare(program) {
    program.command("pet").description("pet your buddy").action(() => {});
  },
};
const always: CommandSpec = {
  declare(program) {
    program.command("hello").description("always here").action(() => {});
  },
};
const unknownGate: CommandSpec = {
  flag: "no_such_flag",
  declare(program) {
    program.command("ghost").action(() => {});
  },
};

const snapshot = (over: Partial<Record<keyof FlagValues, unknown>>) => ({ ...DEFAULT_SNAPSHOT, ...over }) as FlagValues;
const names = (flags: FlagValues) => buildProgram(flags, [pet, always, unknownGate]).commands.map((c) => c.name());

describe("command gating", () => {
  test.each([
    ["flag off: the gated command is not declared", { buddy: false }, ["hello"]],
    ["flag on: it is", { buddy: true }, ["pet", "hello"]],
    ["another flag on changes nothing", { kairos: true }, ["hello"]],
  ])("%s", (_name, over, want) => {
    expect(names(snapshot(over))).toEqual(want);
  });

  test("absent from --help when off, listed when on", () => {
    expect(buildProgram(snapshot({ buddy: false }), [pet, always]).helpInformation()).not.toContain("pet");
    expect(buildProgram(snapshot({ buddy: true }), [pet, always]).helpInformation()).toContain("pet your buddy");
  });

  test("running a gated-off command is an unknown command", async () => {
    const program = buildProgram(snapshot({ buddy: false }), [pet, always]);
    program.configureOutput({ writeErr: () => {}, writeOut: () => {} });
    await expect(program.parseAsync(["pet"], { from: "user" })).rejects.toMatchObject({ code: "commander.unknownCommand" });
  });

  test("every flag named in the real command table is a known flag", () => {
    for (const spec of COMMANDS) if (spec.flag !== undefined) expect(isFlagKey(spec.flag)).toBe(true);
  });

  test("--flag is a repeatable global option", () => {
    const program = buildProgram(DEFAULT_SNAPSHOT, [always]);
    program.parse(["--flag", "buddy=true", "--flag", "kairos=false", "hello"], { from: "user" });
    expect(program.opts().flag).toEqual(["buddy=true", "kairos=false"]);
  });
});
