// The command table. Declaring a command here costs only commander calls: each
// action imports its implementation lazily, so `--help` loads no domain code.
// A command is listed only once it works; a gated command names its flag.
import type { Command } from "commander";

export interface CommandSpec {
  /** Feature flag that must be on for the command to exist at all. */
  flag?: string;
  declare(program: Command): void;
}

export const COMMANDS: CommandSpec[] = [
  {
    declare(program) {
      program
        .command("doctor")
        .description("check the installation: version, paths, settings, model endpoint and key, registry, flags, sandbox")
        .option("--json", "print machine-readable JSON")
        .action(async (opts) => (await import("./doctor.ts")).doctor(opts));
    },
  },
  {
    declare(program) {
      const config = program.command("config").description("read and change settings (layers: managed > --settings > local > project > user)");
      config
        .command("get <key>")
        .description("the effective value of a setting (dot path, e.g. permissions.defaultMode)")
        .option("--json", "print the value and the layer it comes from as JSON")
        .action(async (key, opts) => (await import("./config.ts")).configGet(key, opts));
      config
        .command("set <key> <value>")
        .description("set a value (JSON if it parses, else a string) in one layer's file; validated before writing")
        .option("--scope <scope>", "user, project (.keel/settings.json) or local (.keel/settings.local.json)", "user")
        .action(async (key, value, opts) => (await import("./config.ts")).configSet(key, value, opts));
      config
        .command("unset <key>")
        .description("remove a value from one layer's file")
        .option("--scope <scope>", "user, project or local", "user")
        .action(async (key, opts) => (await import("./config.ts")).configUnset(key, opts));
      config
        .command("list")
        .description("every effective setting with the layer it comes from, and each layer's file")
        .option("--json", "print machine-readable JSON")
        .action(async (opts) => (await import("./config.ts")).configList(opts));
    },
  },
  {
    declare(program) {
      const prompt = program.command("prompt").description("inspect the system prompt keel compiles");
      prompt
        .command("show")
        .description("show the compiled system prompt: static/dynamic boundary, each section's source, priority, kind, size")
        .option("--json", "print machine-readable JSON")
        .option("--ttl <ttl>", "cache ttl of the static half: 5m or 1h (default 5m)")
        .option("--budget <tokens>", "token budget for the system prompt, in estimated tokens (default 24000)")
        .action(async (opts) => (await import("./prompt.ts")).promptShow(opts));
    },
  },
  {
    declare(program) {
      const flags = program
        .command("flags")
        .description("list feature flags: value, source, description, matched rule")
        .option("--json", "print machine-readable JSON")
        .action(async (_opts, cmd) => (await import("./flags.ts")).flagsList(cmd.optsWithGlobals()));
      flags
        .command("get <key>")
        .description("print one flag's value")
        .option("--json", "print value, source and rule as JSON")
        .action(async (key, _opts, cmd) => (await import("./flags.ts")).flagsGet(key, cmd.optsWithGlobals()));
      flags
        .command("set <key> <value>")
        .description("save a local override (JSON value: true, false, 3, else a string)")
        .action(async (key, value) => (await import("./flags.ts")).flagsSet(key, value));
      flags
        .command("unset <key>")
        .description("remove a local override")
        .action(async (key) => (await import("./flags.ts")).flagsUnset(key));
      flags
        .command("explain <key>")
        .description("why a flag has its value: every source in precedence order and what it said")
        .option("--json", "print machine-readable JSON")
        .action(async (key, _opts, cmd) => (await import("./flags.ts")).flagsExplain(key, cmd.optsWithGlobals()));
    },
  },
  {
    declare(program) {
      program
        .command("check-command <command>")
        .description("analyse a shell command as the permission gate does: verdict, fired checks, sub-commands")
        .option("--json", "print machine-readable JSON")
        .option("--network", "treat network access as allowed (network tools do not fire)")
        .addHelpText("after", "\nExit status: 0 allow, 2 ask, 3 deny (1 is a usage error).")
        .action(async (command, opts) => (await import("./check-command.ts")).checkCommand(command, opts));
    },
  },
  {
    declare(program) {
      program
        .command("hooks")
        .description("hooks from every settings layer (Claude Code's hooks format)")
        .command("list")
        .description("every hook: event, matcher, kind, what it runs, and the file it comes from")
        .option("--json", "print machine-readable JSON")
        .action(async (opts) => (await import("./hooks.ts")).hooksList(opts));
    },
  },
  {
    flag: "speculative",
    declare(program) {
      const overlay = program.command("overlay").description("review what a speculative run (keel -p --speculative) left, then approve or reject it");
      overlay
        .command("list")
        .description("pending overlays and how many changes each holds")
        .option("--json", "print machine-readable JSON")
        .action(async (opts) => (await import("./overlay.ts")).overlayList(opts));
      overlay
        .command("diff <id>")
        .description("the unified diff of an overlay against the project")
        .option("--json", "print the changes and the diff as JSON")
        .action(async (id, opts) => (await import("./overlay.ts")).overlayDiff(id, opts));
      overlay
        .command("approve <id>")
        .description("show the diff, ask, and copy the changes into the project (atomically, file by file)")
        .option("-y, --yes", "apply without asking (scripts)")
        .action(async (id, opts) => (await import("./overlay.ts")).overlayApprove(id, opts));
      overlay
        .command("reject <id>")
        .description("discard an overlay; the project stays as it is")
        .action(async (id) => (await import("./overlay.ts")).overlayReject(id));
    },
  },
];
