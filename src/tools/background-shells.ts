// Background shells of one session, kept in ctx.store: each keeps running after the
// Bash call returns, buffers output until BashOutput reads it, and is stopped by
// KillShell or, at session end, by stopBackgroundShells (the engine calls that).
import { ToolFailure } from "./result.ts";
import { spawnShell, type ShellProcess } from "./shell-process.ts";
import type { ToolContext } from "./tool.ts";

export type ShellStatus = "running" | "completed" | "failed" | "killed";

/** Unread output, capped: when a job outpaces its reader the oldest text goes first. */
export class Unread {
  private text = "";
  private dropped = 0;
  static readonly MAX_CHARS = 1024 * 1024;

  push(s: string): void {
    this.text += s;
    if (this.text.length > Unread.MAX_CHARS) {
      this.dropped += this.text.length - Unread.MAX_CHARS;
      this.text = this.text.slice(-Unread.MAX_CHARS);
    }
  }

  take(): { text: string; dropped: number } {
    const out = { text: this.text, dropped: this.dropped };
    this.text = "";
    this.dropped = 0;
    return out;
  }
}

export interface BackgroundShell {
  id: string;
  command: string;
  description?: string | undefined;
  status: ShellStatus;
  exitCode: number | null;
  stdout: Unread;
  stderr: Unread;
  proc: ShellProcess;
  done: Promise<void>;
}

const KEY = "tools.backgroundShells";

export function shellsOf(store: Map<string, unknown>): Map<string, BackgroundShell> {
  let shells = store.get(KEY) as Map<string, BackgroundShell> | undefined;
  if (!shells) store.set(KEY, (shells = new Map()));
  return shells;
}

export async function startBackground(command: string, description: string | undefined, ctx: ToolContext): Promise<BackgroundShell> {
  const shells = shellsOf(ctx.store);
  const stdout = new Unread();
  const stderr = new Unread();
  const proc = await spawnShell(command, { cwd: ctx.cwd, wrap: ctx.wrapCommand, onOutput: (s, t) => (s === "stdout" ? stdout : stderr).push(t) });
  const id = `bash_${shells.size + 1}`;
  const shell: BackgroundShell = { id, command, description, status: "running", exitCode: null, stdout, stderr, proc, done: Promise.resolve() };
  shell.done = proc.exited.then((exit) => {
    if (exit.error) stderr.push(`${exit.error}\n`);
    shell.exitCode = exit.code;
    if (shell.status === "running") shell.status = exit.code === 0 ? "completed" : "failed";
  });
  shells.set(id, shell);
  return shell;
}

/** The session's shell with this id, or a ToolFailure naming the ids there are. */
export function shellById(store: Map<string, unknown>, id: string): BackgroundShell {
  const shells = shellsOf(store);
  const shell = shells.get(id);
  if (!shell) throw new ToolFailure(`No background shell with id ${JSON.stringify(id)}; known: ${[...shells.keys()].join(", ") || "none"}.`);
  return shell;
}

/** Waits for the shells to exit, at most `waitMs`; the timer is cleared so it never holds the process open. */
export async function waitForShells(shells: readonly BackgroundShell[], waitMs: number): Promise<void> {
  if (shells.length === 0) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)));
  await Promise.race([Promise.all(shells.map((s) => s.done)), deadline]);
  clearTimeout(timer);
}

/** Kills every running background shell of the session; waits (briefly) for them to exit. */
export async function stopBackgroundShells(store: Map<string, unknown>, waitMs = 2000): Promise<void> {
  const running = [...shellsOf(store).values()].filter((s) => s.status === "running");
  for (const s of running) {
    s.status = "killed";
    s.proc.killTree();
  }
  await waitForShells(running, waitMs);
}
