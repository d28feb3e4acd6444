// The command line of one plugin's host for this machine: sandboxed by bubblewrap when it
// works here (capabilities decide network and project writes), plain otherwise — said once
// per process, so the person knows plugin code runs with their own rights.
import { detectSandbox } from "../../safety/index.ts";
import type { Capability } from "../manifest.ts";
import type { HostCommand } from "./client.ts";
import { HOST_ARG, hostEnv, sandboxedArgv, selfArgv } from "./spawn.ts";

export interface HostCommandOptions {
  plugin: string;
  pluginRoot: string;
  capabilities: readonly Capability[];
  cwd: string;
  projectDir: string;
  env: Record<string, string | undefined>;
  /** false: never sandbox (settings.sandbox.enabled: false). */
  sandbox?: boolean;
  notify?: (line: string) => void;
}

let toldUnsandboxed = false;

export async function hostCommand(o: HostCommandOptions): Promise<HostCommand & { sandboxed: boolean }> {
  const argv = [...selfArgv(), HOST_ARG, o.plugin];
  const env = hostEnv(o.env, o.pluginRoot);
  if (o.sandbox !== false) {
    const status = await detectSandbox();
    if (status.available) {
      return { argv: sandboxedArgv(argv, o.cwd, { bwrap: status.bwrap, pluginRoot: o.pluginRoot, projectDir: o.projectDir, capabilities: o.capabilities }), env, cwd: o.cwd, sandboxed: true };
    }
    if (!toldUnsandboxed) o.notify?.(`plugin hosts run without a sandbox here (${status.reason}): plugin code has your permissions`);
    toldUnsandboxed = true;
  }
  return { argv, env, cwd: o.cwd, sandboxed: false };
}
