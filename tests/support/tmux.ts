// tmux as a real terminal for end-to-end tests: start a program in a sized pane, type
// into it, and poll what the screen shows until something appears (never fixed sleeps).
import { writeFileSync } from "node:fs";
import { join } from "node:path";

export const TMUX = Bun.which("tmux");

export function tmuxServer(name: string) {
  const socket = `${name}-${process.pid}`;
  const tmux = (...args: string[]) => Bun.spawnSync([TMUX as string, "-L", socket, ...args], { stdout: "pipe", stderr: "pipe" });
  const screen = (s: string) => tmux("capture-pane", "-p", "-J", "-S", "-200", "-t", s).stdout.toString();
  return {
    keys: (session: string, ...keys: string[]) => tmux("send-keys", "-t", session, ...keys),
    screen,
    async waitFor(session: string, needle: string | RegExp, ms = 15_000): Promise<string> {
      const deadline = Date.now() + ms;
      for (;;) {
        const out = screen(session);
        if (typeof needle === "string" ? out.includes(needle) : needle.test(out)) return out;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${needle}; the screen shows:\n${out}`);
        await Bun.sleep(25);
      }
    },
    /** Runs `command` in `cwd` with `env` exported; prints EXIT:<code> when it ends. */
    start(session: string, cwd: string, env: Record<string, string>, command: string, size = { x: 160, y: 50 }): void {
      const script = join(cwd, `.tmux-${session}.sh`);
      const exports = Object.entries(env).map(([k, v]) => `export ${k}=${JSON.stringify(v)}`);
      writeFileSync(script, [`cd ${JSON.stringify(cwd)}`, ...exports, "unset KEEL_FLAGS BUN_BE_BUN", `${command}; echo "EXIT:$?"; sleep 30`].join("\n"));
      const r = tmux("new-session", "-d", "-s", session, "-x", String(size.x), "-y", String(size.y), `bash ${script}`);
      if (r.exitCode !== 0) throw new Error(r.stderr.toString());
    },
    kill: () => tmux("kill-server"),
  };
}
