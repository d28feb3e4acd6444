// `keel plugin …` run from source as a real child process (each run its own process, as a
// person's would be), with its own KEEL_HOME and the harbor flag on.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { cleanEnv, type RunResult } from "../support/binary.ts";

const MAIN = resolve(import.meta.dir, "../../src/main.ts");

export const tempDir = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));

export interface Keel {
  home: string;
  stateDir: string;
  run(args: string[], o?: { stdin?: string; env?: Record<string, string>; cwd?: string }): Promise<RunResult>;
}

export function keelFromSource(env: Record<string, string> = {}): Keel {
  const home = tempDir("keel-plugin-home-");
  const cwd = tempDir("keel-plugin-cwd-");
  return {
    home,
    stateDir: join(home, "state"),
    async run(args, o = {}) {
      const proc = Bun.spawn([process.execPath, MAIN, "--flag", "harbor=true", ...args], {
        cwd: o.cwd ?? cwd,
        env: cleanEnv({ KEEL_HOME: home, NO_COLOR: "1", ...env, ...o.env }),
        stdin: o.stdin === undefined ? "ignore" : new TextEncoder().encode(o.stdin),
        stdout: "pipe",
        stderr: "pipe",
      });
      const [stdout, stderr, exitCode] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
      return { exitCode, stdout, stderr };
    },
  };
}
