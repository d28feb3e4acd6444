// The safety of a session: the permission gate (every settings layer's rules,
// --allowed-tools / --disallowed-tools as the `cli` layer, the mode from --permission-mode,
// else settings.permissions.defaultMode, else default) and the sandbox every Bash command
// runs in. Shared by headless runs and the REPL.
import type { WrapCommand } from "../engine/index.ts";
import { createPermissionGate, PERMISSION_MODES, type PermissionGateImpl, type PermissionMode, type RuleInput, sandboxWrapper } from "../safety/index.ts";
import { KeelError } from "../errors.ts";
import { warn } from "./output.ts";

export interface GateSettings {
  projectRoot: string;
  rules: readonly RuleInput[];
  defaultMode?: string;
  additionalDirectories?: readonly string[];
  network?: boolean;
  /** settings.sandbox.enabled; on unless set to false. */
  sandbox?: boolean;
}

export function permissionMode(cli: string | undefined, fromSettings: string | undefined): PermissionMode {
  const mode = cli ?? fromSettings ?? "default";
  if (!PERMISSION_MODES.includes(mode as PermissionMode)) {
    throw new KeelError(`--permission-mode must be one of ${PERMISSION_MODES.join(", ")} (got "${mode}")`);
  }
  return mode as PermissionMode;
}

export function sessionGate(s: GateSettings, cli: { mode?: string; allowedTools: readonly string[]; disallowedTools: readonly string[] }): PermissionGateImpl {
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

/** Bash's wrap hook: the sandbox, unless settings turn it off. Says once, plainly, when none is available. */
export function sessionSandbox(s: GateSettings, say: (line: string) => void): WrapCommand | undefined {
  if (s.sandbox === false) return undefined;
  return sandboxWrapper(
    { projectDir: s.projectRoot, ...(s.network !== undefined ? { network: s.network } : {}), ...(s.additionalDirectories ? { extraWritable: s.additionalDirectories } : {}) },
    (reason) => say(`commands run without a sandbox: ${reason}`),
  );
}
