// Builds the commander program from the command table and runs it, turning
// KeelErrors into one clear line and an exit code.
import { Command, CommanderError } from "commander";
import { isKeelError } from "../errors.ts";
import { VERSION } from "../version.ts";
import { DEFAULT_SNAPSHOT, type FlagValues, FlagSession, gateOpen, scanFlagArgs } from "../flags/index.ts";
import { type CommandSpec, COMMANDS } from "./commands.ts";
import { flagContext, processFlags } from "./flags.ts";
import { declareHeadless } from "./headless-command.ts";
import { paint } from "./output.ts";
import { loadProcessSettings } from "./settings-context.ts";

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** The program for one flag snapshot: a command whose flag is off is not declared at all. */
export function buildProgram(flags: FlagValues = DEFAULT_SNAPSHOT, commands: readonly CommandSpec[] = COMMANDS): Command {
  const program = new Command("keel")
    .description("keel — a coding agent in one binary.\nAt a terminal, `keel` opens an interactive session; `keel -p \"…\"` runs one prompt and prints the result.")
    .version(VERSION, "-v, --version", "print the version")
    .option("--settings <file-or-json>", "extra settings layer (a file path or inline JSON)")
    .option("--flag <key=value>", "set a feature flag for this run (repeatable; see keel flags)", collect)
    .option("--plugin-dir <dir>", "load a plugin from this directory for this run, beside the installed ones (repeatable; for developing a plugin)", collect)
    .showHelpAfterError("(run keel --help for usage)")
    .exitOverride();
  declareHeadless(program, { speculative: flags.speculative === true }, gatedOff(flags, commands));
  for (const spec of commands) if (gateOpen(flags, spec.flag)) spec.declare(program);
  // A usage error in `keel plugin install` points at that command's help, not the root's.
  const walk = (cmd: Command, path: string): void => {
    for (const sub of cmd.commands) {
      const name = `${path} ${sub.name()}`;
      sub.exitOverride().showHelpAfterError(`(run ${name} --help for usage)`);
      walk(sub, name);
    }
  };
  walk(program, "keel");
  return program;
}

/** The names of the commands whose flag is off, and that flag: running one names the flag to turn on. */
function gatedOff(flags: FlagValues, commands: readonly CommandSpec[]): Map<string, string> {
  const off = new Map<string, string>();
  for (const spec of commands) {
    if (spec.flag === undefined || gateOpen(flags, spec.flag)) continue;
    const scratch = new Command();
    spec.declare(scratch);
    for (const c of scratch.commands) off.set(c.name(), spec.flag);
  }
  return off;
}

/**
 * A reader that stops early (`keel … | head`) closes stdout: the rest of the output has
 * nowhere to go, which is not an error. EPIPE arrives as an 'error' event after the write
 * returned; without a listener it would crash the process with a stack trace.
 */
function ignoreClosedStdout(): void {
  process.stdout.on?.("error", (e: NodeJS.ErrnoException) => {
    if (e.code !== "EPIPE") throw e;
  });
}

export async function run(argv: string[]): Promise<number> {
  ignoreClosedStdout();
  try {
    // Local sources and the remote's disk cache only: start-up never waits on the network.
    await loadProcessSettings(argv);
    const flags = await processFlags(() => FlagSession.open(flagContext(scanFlagArgs(argv))));
    const program = buildProgram(flags.snapshot);
    // Bare `keel` opens the REPL at a terminal; elsewhere it shows what it can do.
    if (argv.length === 0 && !(process.stdin.isTTY && process.stdout.isTTY)) {
      program.outputHelp();
      return 0;
    }
    await program.parseAsync(argv, { from: "user" });
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (err) {
    return report(err);
  }
}

function report(err: unknown): number {
  if (err instanceof CommanderError) {
    // commander has already printed its message (or the help text).
    return err.exitCode;
  }
  if (isKeelError(err)) {
    process.stderr.write(`${paint.red("error:", process.stderr)} ${err.message}\n`);
    if (err.hint) process.stderr.write(`${paint.dim(err.hint, process.stderr)}\n`);
    return err.exitCode;
  }
  const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
  process.stderr.write(`${paint.red("internal error:", process.stderr)} ${detail}\n`);
  return 70;
}
