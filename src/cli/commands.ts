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
        .description("check the installation: version, paths, settings, model endpoint and key, registry, plugins, flags, sandbox")
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
        .description("hooks from every settings layer and plugin (Claude Code's hooks format)")
        .command("list")
        .description("every hook: event, matcher, kind, what it runs, and the file it comes from")
        .option("--json", "print machine-readable JSON")
        .action(async (opts) => (await import("./hooks.ts")).hooksList(opts));
    },
  },
  {
    declare(program) {
      program
        .command("mcp")
        .description("MCP servers from settings, .mcp.json and plugins (Claude Code's format)")
        .command("list")
        .description("every MCP server: where it is configured, whether it starts, its tools; project servers not yet approved")
        .option("--json", "print machine-readable JSON")
        .addHelpText("after", "\nStarts each server once to list its tools, then stops it. Exit status 1 when a configured server fails to start.")
        .action(async (opts) => (await import("./mcp.ts")).mcpList(opts));
    },
  },
  {
    flag: "buddy",
    declare(program) {
      const cmd = program
        .command("buddy")
        .description("your companion's card: species, rarity, stats (from the buddy plugin: keel plugin install buddy)")
        .option("--id <id>", "preview the companion another account or install id would get")
        .option("--json", "print the card as JSON");
      // --plugin-dir is read from argv by the plugin runtime; accept it here unless the program already does.
      if (!program.options.some((o) => o.long === "--plugin-dir")) cmd.option("--plugin-dir <dir>", "load a plugin from a directory (development)");
      cmd.action(async (opts) => (await import("./buddy.ts")).buddy(opts));
    },
  },
  {
    flag: "harbor",
    declare(program) {
      const plugin = program
        .command("plugin")
        .description("find, install and manage plugins: the signed registry and Claude Code marketplaces")
        .addHelpText("after", "\nInstall names: <name> (newest), <name>@1.2.3 (a registry version), <name>@<marketplace> (unsigned, needs --allow-unsigned).");
      plugin
        .command("browse")
        .description("at a terminal: type to filter, ↑/↓, Enter for info, then i to install; elsewhere the list is printed")
        .option("--json", "print every installable plugin as JSON")
        .action(async (opts) => (await import("./plugin-browse.ts")).pluginBrowse(opts));
      plugin
        .command("search <text>")
        .description("plugins whose name, description or publisher match every word")
        .option("--json", "print machine-readable JSON")
        .action(async (text, opts) => (await import("./plugin-search.ts")).pluginSearch(text, opts));
      plugin
        .command("info <name>")
        .description("one plugin: publisher, versions, capabilities, files, whether it is installed")
        .option("--json", "print machine-readable JSON")
        .action(async (name, opts) => (await import("./plugin-search.ts")).pluginInfo(name, opts));
      plugin
        .command("install <name>")
        .description("show what the plugin may do, ask, download (signed length and hash checked), verify and install")
        .option("-y, --yes", "install without asking (scripts)")
        .option("--allow-unsigned", "allow a plugin from a Claude Code marketplace, which nothing signs")
        .option("--json", "print the installed entry as JSON")
        .addHelpText("after", "\n<name> is the newest version, <name>@1.2.3 a registry version (the suffix is semver),\n<name>@<marketplace> a plugin of an added Claude Code marketplace (unsigned: needs --allow-unsigned).")
        .action(async (name, opts) => (await import("./plugin-install.ts")).pluginInstall(name, opts));
      plugin
        .command("list")
        .description("installed plugins: version, publisher, source, signed, status (ok / modified / revoked / flag off); then any --plugin-dir")
        .option("--json", "print machine-readable JSON")
        .action(async (_opts, cmd) => (await import("./plugin-list.ts")).pluginList(cmd.optsWithGlobals()));
      plugin
        .command("update [name]")
        .description("install a newer version; asks again when it widens capabilities or changes the publisher key")
        .option("--all", "every installed plugin")
        .option("-y, --yes", "update without asking (scripts)")
        .option("--allow-unsigned", "also re-read plugins installed from Claude Code marketplaces")
        .option("--json", "print machine-readable JSON")
        .action(async (name, opts) => (await import("./plugin-install.ts")).pluginUpdate(name, opts));
      plugin
        .command("remove <name>")
        .description("uninstall a plugin and the versions kept for rollback")
        .option("--json", "print machine-readable JSON")
        .action(async (name, opts) => (await import("./plugin-manage.ts")).pluginRemove(name, opts));
      plugin
        .command("rollback <name>")
        .description("make the previously installed version active again")
        .option("--json", "print machine-readable JSON")
        .action(async (name, opts) => (await import("./plugin-manage.ts")).pluginRollback(name, opts));
      plugin
        .command("verify")
        .description("check every installed plugin's files against the lockfile and its version against the registry (exit 1 on a problem)")
        .option("--json", "print machine-readable JSON")
        .action(async (_opts, cmd) => (await import("./plugin-manage.ts")).pluginVerify(cmd.optsWithGlobals()));
      const market = plugin.command("marketplace").description("Claude Code marketplaces (a marketplace.json); their plugins are unsigned");
      market
        .command("add <dir-or-url>")
        .description("read a marketplace from a directory (holding .claude-plugin/marketplace.json), the file itself, or an http(s) URL of it")
        .option("--json", "print machine-readable JSON")
        .action(async (where, opts) => (await import("./plugin-marketplace.ts")).marketplaceAdd(where, opts));
      market
        .command("list")
        .description("the marketplaces added and their plugins")
        .option("--json", "print machine-readable JSON")
        .action(async (opts) => (await import("./plugin-marketplace.ts")).marketplaceList(opts));
      market
        .command("remove <name>")
        .description("forget a marketplace (its installed plugins stay)")
        .option("--json", "print machine-readable JSON")
        .action(async (name, opts) => (await import("./plugin-marketplace.ts")).marketplaceRemove(name, opts));
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
