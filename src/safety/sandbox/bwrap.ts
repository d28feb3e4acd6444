// Bubblewrap command lines: a read-only system, a private /tmp, and no network — nor the
// Unix sockets under /run — unless allowed; then what the caller binds back in. Bash runs
// with the project writable (its .git/hooks and .keel read-only); plugin hosts use the same
// builder with their own binds (plugins/host/spawn.ts). Pure: the caller says which paths exist.
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

export interface BwrapPlan {
  bwrap: string;
  argv: readonly string[];
  /** Where the command starts. */
  cwd: string;
  /** Bound back in read-only over the private /tmp and /run (what may live there). */
  readOnly?: readonly string[];
  writable?: readonly string[];
  /** Bound read-only after the writable ones: paths inside them nothing may change. */
  protect?: readonly string[];
  network?: boolean;
  /** A session of its own: the command cannot push keystrokes into keel's terminal (TIOCSTI). */
  newSession?: boolean;
  exists?: (path: string) => boolean;
}

export function bwrapArgv(o: BwrapPlan): string[] {
  const exists = o.exists ?? existsSync;
  const args = [o.bwrap, "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp"];
  // connect() to a Unix socket works through a read-only bind: without network, hide /run's
  // (docker.sock, the D-Bus buses, ssh/gpg agents under /run/user) — /tmp's are hidden above.
  if (!o.network && exists("/run")) args.push("--tmpfs", "/run");
  for (const p of o.readOnly ?? []) if (p && exists(p)) args.push("--ro-bind", p, p);
  for (const p of o.writable ?? []) if (exists(p)) args.push("--bind", p, p);
  for (const p of o.protect ?? []) if (exists(p)) args.push("--ro-bind", p, p);
  args.push("--unshare-all");
  if (o.network) args.push("--share-net");
  args.push("--die-with-parent");
  if (o.newSession) args.push("--new-session");
  args.push("--chdir", o.cwd, "--", ...o.argv);
  return args;
}

export function sandboxArgv(bwrap: string, argv: readonly string[], cwd: string, o: SandboxOptions): string[] {
  return bwrapArgv({
    bwrap,
    argv,
    cwd,
    writable: [o.projectDir, ...(o.extraWritable ?? [])],
    protect: (o.readOnlyInside ?? DEFAULT_READ_ONLY_INSIDE).map((rel) => join(o.projectDir, rel)),
    network: o.network === true,
    newSession: true,
    ...(o.exists ? { exists: o.exists } : {}),
  });
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
