// How a plugin host is started: the keel binary re-executes itself with `__plugin-host`
// (from source: bun + src/main.ts), with an environment that cannot turn it into the bun
// CLI or hand the plugin the model key, and — where bubblewrap works — inside a sandbox
// shaped by the plugin's declared capabilities.
import { existsSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { bwrapArgv } from "../../safety/index.ts";
import type { Capability } from "../manifest.ts";

export const HOST_ARG = "__plugin-host";

/** In the compiled binary our modules live under /$bunfs/ (FACTS.md); from source they are files. */
export const isCompiled = (): boolean => import.meta.path.startsWith("/$bunfs/") || Bun.main.startsWith("/$bunfs/");

/** The command that runs keel again: the binary itself, or bun with src/main.ts (tests and `npm run dev`). */
export function selfArgv(): string[] {
  if (isCompiled()) return [process.execPath];
  return [process.execPath, fileURLToPath(new URL("../../main.ts", import.meta.url))];
}

/** Variables a plugin host never inherits: BUN_BE_BUN turns the binary into bun; keys are not the plugin's business. */
const WITHHELD = /^(BUN_BE_BUN|ANTHROPIC_API_KEY|ANTHROPIC_AUTH_TOKEN|KEEL_API_KEY)$/;

export function hostEnv(base: Record<string, string | undefined>, pluginRoot: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(base)) if (v !== undefined && !WITHHELD.test(k)) env[k] = v;
  env.CLAUDE_PLUGIN_ROOT = pluginRoot;
  env.KEEL_PLUGIN_ROOT = pluginRoot;
  return env;
}

export interface SandboxPlan {
  bwrap: string;
  pluginRoot: string;
  projectDir: string;
  capabilities: readonly Capability[];
  exists?: (path: string) => boolean;
}

/**
 * The host under bubblewrap (safety/sandbox's builder): the system read-only, a private
 * /tmp, no network (nor /run's Unix sockets) unless the plugin declares `network`, the
 * project writable only with `write-files`. The binary, the plugin and the project are
 * bound back in after /tmp is replaced, since any may live there.
 */
export function sandboxedArgv(argv: readonly string[], cwd: string, p: SandboxPlan): string[] {
  // From source the host imports the whole tree (src/, node_modules/), not just main.ts: bind its root.
  const script = argv[1] && !argv[1].startsWith("-") && argv[1] !== HOST_ARG ? argv[1] : undefined;
  const program = script?.endsWith("/src/main.ts") ? dirname(dirname(script)) : script;
  const writes = p.capabilities.includes("write-files");
  const readOnly = new Set<string>([argv[0] as string, ...(program ? [program] : []), p.pluginRoot, ...(writes ? [] : [p.projectDir])]);
  // The host need not start in the session's directory: where that is gone, / will do.
  return bwrapArgv({
    bwrap: p.bwrap,
    argv,
    cwd: (p.exists ?? existsSync)(cwd) ? cwd : "/",
    readOnly: [...readOnly],
    writable: writes ? [p.projectDir] : [],
    network: p.capabilities.includes("network"),
    ...(p.exists ? { exists: p.exists } : {}),
  });
}
