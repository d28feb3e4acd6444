// A command whose flag is off stays out of --help and cannot run, but typing it names the
// flag and the command that turns it on, instead of a bare "unknown command".
import { expect, test } from "bun:test";
import { buildProgram } from "../../src/cli/index.ts";
import type { CommandSpec } from "../../src/cli/commands.ts";
import { DEFAULT_SNAPSHOT, type FlagValues } from "../../src/flags/index.ts";

const pet: CommandSpec = {
  flag: "buddy",
  declare(program) {
    program.command("pet").description("pet your buddy").action(() => {});
  },
};

const tools: CommandSpec = {
  declare(program) {
    const t = program.command("tools");
    t.command("install <name>").action(() => {});
  },
};

async function errorOf(flags: FlagValues, argv: string[]): Promise<{ code: string; text: string }> {
  const program = buildProgram(flags, [pet, tools]);
  let text = "";
  const capture = (c: typeof program): void => {
    c.configureOutput({ writeErr: (s) => (text += s), writeOut: () => {} });
    for (const sub of c.commands) capture(sub);
  };
  capture(program);
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (e) {
    return { code: (e as { code: string }).code, text };
  }
  throw new Error("it ran");
}

test("a gated-off command names its flag and how to turn it on", async () => {
  const r = await errorOf({ ...DEFAULT_SNAPSHOT, buddy: false } as FlagValues, ["pet"]);
  expect(r.code).toBe("commander.unknownCommand");
  expect(r.text.split("\n")[0]).toBe("error: unknown command 'pet': it is behind the feature flag buddy, which is off; keel flags set buddy true turns it on");
});

test("a word that is no command at all still says where a prompt goes", async () => {
  const r = await errorOf({ ...DEFAULT_SNAPSHOT, buddy: false } as FlagValues, ["pett"]);
  expect(r.text.split("\n")[0]).toBe("error: unknown command 'pett' (a prompt goes after -p)");
});

test("a usage error in a subcommand points at that subcommand's --help", async () => {
  const r = await errorOf(DEFAULT_SNAPSHOT, ["tools", "install"]);
  expect(r.code).toBe("commander.missingArgument");
  expect(r.text).toBe("error: missing required argument 'name'\n(run keel tools install --help for usage)\n");
  const unknown = await errorOf(DEFAULT_SNAPSHOT, ["tools", "bogus"]);
  expect(unknown.text).toContain("(run keel tools --help for usage)");
});
