// The permission gate of a session: every settings layer's rules, --allowed-tools and
// --disallowed-tools as rules of the `cli` layer, and the mode (--permission-mode, else
// settings.permissions.defaultMode, else default). Shared by headless runs and the REPL.
import type { PermissionGate } from "../engine/index.ts";
import { createPermissionGate, PERMISSION_MODES, type PermissionMode, type RuleInput } from "../safety/index.ts";
import { KeelError } from "../errors.ts";
import { warn } from "./output.ts";

export interface GateSettings {
  projectRoot: string;
  rules: readonly RuleInput[];
  defaultMode?: string;
  additionalDirectories?: readonly string[];
  network?: boolean;
}

export function permissionMode(cli: string | undefined, fromSettings: string | undefined): PermissionMode {
  const mode = cli ?? fromSettings ?? "default";
  if (!PERMISSION_MODES.includes(mode as PermissionMode)) {
    throw new KeelError(`--permission-mode must be one of ${PERMISSION_MODES.join(", ")} (got "${mode}")`);
  }
  return mode as PermissionMode;
}

export function sessionGate(s: GateSettings, cli: { mode?: string; allowedTools: readonly string[]; disallowedTools: readonly string[] }): PermissionGate {
  const cliRules: RuleInput[] = [
    ...cli.disallowedTools.filter((r) => r.includes("(")).map((rule) => ({ rule, behavior: "deny" as const, layer: "--disallowed-tools" })),
    ...cli.allowedTools.map((rule) => ({ rule, behavior: "allow" as const, layer: "--allowed-tools" })),
  ];
  return createPermissionGate({
    rules: [...cliRules, ...s.rules],
    mode: permissionMode(cli.mode, s.defaultMode),
    root: s.projectRoot,
    ...(s.additionalDirectories ? { additionalDirectories: s.additionalDirectories } : {}),
    ...(s.network !== undefined ? { network: s.network } : {}),
    onRuleError: warn,
  });
}
