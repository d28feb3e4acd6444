// The bubblewrap command line that runs a command with a read-only system, the project
// writable (its .git/hooks and .keel read-only), a private /tmp, and no network unless
// allowed. Pure: the caller says which paths exist.
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { WrapCommand } from "../../tools/index.ts";
import { detectSandbox } from "./detect.ts";

export interface SandboxOptions {
  /** The project directory: the one place commands may write. */
  projectDir: string;
  /** Allow network access (shares the host network namespace). */
  network?: boolean;
  /** Further writable directories (settings.permissions.additionalDirectories). */
  extraWritable?: readonly string[];
  /** Inside the project, still read-only: a command must not plant hooks or edit keel's own state. */
  readOnlyInside?: readonly string[];
  exists?: (path: string) => boolean;
}

export const DEFAULT_READ_ONLY_INSIDE = [".git/hooks", ".git/config", ".keel"];

export function sandboxArgv(bwrap: string, argv: readonly string[], cwd: string, o: SandboxOptions): string[] {
  const exists = o.exists ?? existsSync;
  const args = [bwrap, "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp"];
  for (const dir of [o.projectDir, ...(o.extraWritable ?? [])]) if (exists(dir)) args.push("--bind", dir, dir);
  for (const rel of o.readOnlyInside ?? DEFAULT_READ_ONLY_INSIDE) {
    const p = join(o.projectDir, rel);
    if (exists(p)) args.push("--ro-bind", p, p);
  }
  args.push("--unshare-all");
  if (o.network) args.push("--share-net");
  args.push("--die-with-parent", "--new-session", "--chdir", cwd, "--", ...argv);
  return args;
}

/**
 * The Bash tool's wrap hook: every command runs inside the sandbox. When no sandbox is
 * available it passes commands through unchanged; `onUnavailable` hears why, once, so
 * the session can say so plainly.
 */
export function sandboxWrapper(o: SandboxOptions, onUnavailable?: (reason: string) => void): WrapCommand {
  let told = false;
  return async (argv, { cwd }) => {
    const status = await detectSandbox();
    if (status.available) return sandboxArgv(status.bwrap, argv, cwd, o);
    if (!told) onUnavailable?.(status.reason);
    told = true;
    return argv;
  };
}
