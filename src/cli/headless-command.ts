// The root-level options of a headless run (`keel -p …`) and the default action that
// runs it. Only commander calls here: the engine loads when the action runs.
import { type Command, Option } from "commander";

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Options that exist only while their module's flag is on. */
export interface HeadlessGates {
  speculative: boolean;
}

/** `gatedOff`: commands whose flag is off (name → flag), so that running one says which flag. */
export function declareHeadless(program: Command, gates: HeadlessGates = { speculative: false }, gatedOff: ReadonlyMap<string, string> = new Map()): void {
  if (gates.speculative) {
    program.option("--speculative", "run in a copy-on-write overlay of the project: nothing changes until `keel overlay approve`");
  }
  program
    .option("-p, --print [prompt]", "run one prompt without the UI and print the result (reads the prompt from stdin when piped)")
    .addOption(new Option("--output-format <format>", "headless output").choices(["text", "json", "stream-json"]).default("text"))
    .option("--model <model>", "the model for this session (e.g. claude-sonnet-5-5)")
    .option("--fallback-model <model>", "switch to this model when the main one stays overloaded (else settings.fallbackModel)")
    .option("--unattended", "nobody is watching: keep retrying failed calls (backoff up to 5 min) for up to 6 hours")
    .option("--max-turns <n>", "stop after this many model calls (subtype error_max_turns)")
    .addOption(
      new Option("--permission-mode <mode>", "default (ask before writes and commands), acceptEdits, plan (read-only), bypassPermissions").choices([
        "default",
        "acceptEdits",
        "plan",
        "bypassPermissions",
      ]),
    )
    .option("--allowed-tools <rules>", "permission rules that run without asking, e.g. Read,Bash(git status:*); other calls that need approval are asked at the terminal, or denied when no one is there; repeatable", collect)
    .option("--disallowed-tools <tools>", "tools removed from the model's toolset, comma-separated; repeatable", collect)
    .option("-c, --continue", "continue the latest session in this directory")
    .option("-r, --resume <session-id>", "resume a session by its id")
    .option("--append-system-prompt <text>", "text appended to the system prompt")
    .addOption(new Option("--executor <kind>", "tool executor").choices(["streaming", "batch"]).hideHelp())
    // The root takes no words: one that is not a command gets named, not "too many arguments".
    .allowExcessArguments(true)
    .action(async (opts, cmd: Command) => {
      const word = cmd.args[0];
      if (word !== undefined) {
        const flag = gatedOff.get(word);
        const why = flag ? `: it is behind the feature flag ${flag}, which is off; keel flags set ${flag} true turns it on` : " (a prompt goes after -p)";
        cmd.error(`error: unknown command '${word}'${why}`, { code: "commander.unknownCommand" });
      }
      // --speculative: keel runs again inside an overlay of the project (-p and REPL alike).
      if (opts.speculative && !process.env.KEEL_OVERLAY_ID /* speculative.ts OVERLAY_ENV: set inside */) {
        process.exitCode = await (await import("./speculative.ts")).speculate(opts);
        return;
      }
      // No -p at a terminal: the interactive session (React and Ink load only here).
      if (opts.print === undefined && process.stdin.isTTY && process.stdout.isTTY) return (await import("./repl.ts")).repl(opts);
      await (await import("./headless.ts")).headless(opts);
    });
}
