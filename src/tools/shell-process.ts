// Spawning a shell command as a real child in its own process group, so a timeout, an
// interrupt or KillShell ends the whole tree it started (pipelines, `&` jobs), not just bash.
// The argv passes through ctx.wrapCommand first: that is where the sandbox plugs in.
import { spawn } from "node:child_process";
import { StringDecoder } from "node:string_decoder";
import { ToolFailure } from "./result.ts";
import type { WrapCommand } from "./tool.ts";

export interface ShellExit {
  code: number | null;
  signal: string | null;
  /** Set when the process could not be started at all. */
  error?: string;
}

export interface ShellProcess {
  pid: number | undefined;
  exited: Promise<ShellExit>;
  /** SIGTERM to the whole group, then SIGKILL to whatever is left after a grace period. */
  killTree(): void;
}

export interface SpawnOptions {
  cwd: string;
  wrap?: WrapCommand | undefined;
  onOutput: (stream: "stdout" | "stderr", text: string) => void;
  /** Written to the child's stdin, which is then closed (hooks take their payload there). */
  stdin?: string;
  /** Added to the environment. */
  env?: Record<string, string>;
}

const KILL_GRACE_MS = 1000;
/** After bash exits, how long a leftover `cmd &` may keep the pipes open before we stop reading. */
const PIPE_GRACE_MS = 200;

export async function spawnShell(command: string, opts: SpawnOptions): Promise<ShellProcess> {
  const base = ["bash", "-c", command];
  let argv = base;
  if (opts.wrap) {
    try {
      argv = await opts.wrap(base, { cwd: opts.cwd });
    } catch (e) {
      throw new ToolFailure(`Command not run: ${(e as Error).message}`);
    }
    if (argv.length === 0) throw new ToolFailure("Command not run: the command wrapper returned an empty argv.");
  }
  const env = { ...process.env, ...opts.env };
  delete env.BUN_BE_BUN; // would turn a re-executed keel binary into the bun CLI
  const stdin = opts.stdin === undefined ? "ignore" : "pipe";
  const child = spawn(argv[0] as string, argv.slice(1), { cwd: opts.cwd, env, detached: true, stdio: [stdin, "pipe", "pipe"] });
  if (opts.stdin !== undefined) {
    child.stdin?.on("error", () => {}); // a child that exits without reading must not crash us (EPIPE)
    child.stdin?.end(opts.stdin);
  }

  for (const name of ["stdout", "stderr"] as const) {
    const decoder = new StringDecoder("utf8");
    child[name]?.on("data", (b: Buffer) => opts.onOutput(name, decoder.write(b)));
    child[name]?.on("end", () => {
      const rest = decoder.end();
      if (rest) opts.onOutput(name, rest);
    });
  }

  const exited = new Promise<ShellExit>((resolve) => {
    let exit: ShellExit | undefined;
    child.on("error", (e) => resolve({ code: null, signal: null, error: e.message }));
    child.on("close", (code, signal) => resolve(exit ?? { code, signal }));
    child.on("exit", (code, signal) => {
      exit = { code, signal };
      setTimeout(() => {
        child.stdout?.destroy();
        child.stderr?.destroy();
        resolve(exit as ShellExit);
      }, PIPE_GRACE_MS).unref();
    });
  });

  const signalGroup = (sig: NodeJS.Signals | 0): boolean => {
    if (child.pid === undefined) return false;
    try {
      process.kill(-child.pid, sig);
      return true;
    } catch {
      return false; // the group is gone already
    }
  };

  return {
    pid: child.pid,
    exited,
    killTree() {
      if (!signalGroup("SIGTERM")) return;
      setTimeout(() => signalGroup(0) && signalGroup("SIGKILL"), KILL_GRACE_MS).unref();
    },
  };
}
