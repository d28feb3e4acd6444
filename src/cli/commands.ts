// The command table. Declaring a command here costs only commander calls: each
// action imports its implementation lazily, so `--help` loads no domain code.
// A command is listed only once it works; a gated command names its flag.
import type { Command } from "commander";

export interface CommandSpec {
  /** Feature flag that must be on for the command to exist at all. */
  flag?: string;
  declare(program: Command): void;
}

export const COMMANDS: CommandSpec[] = [];
