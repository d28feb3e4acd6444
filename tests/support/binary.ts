// Runs the compiled dist/keel as a real child process, each run with its own
// KEEL_HOME so that no test reads the developer's own settings or state.
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

/** dist/keel, or KEEL_TEST_BIN (a binary built elsewhere with `bun scripts/build.ts --outfile F`). */
export const KEEL_BIN = process.env.KEEL_TEST_BIN ? resolve(process.env.KEEL_TEST_BIN) : resolve(import.meta.dir, "../../dist/keel");

export interface RunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  stdin?: string;
  /** KEEL_HOME for the run; a fresh temp dir when absent. */
  home?: string;
}

export function freshDir(prefix = "keel-test-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Environment without the developer's keys and overrides, so results do not depend on the machine. */
export function cleanEnv(extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined) continue;
    if (/^(ANTHROPIC_|KEEL_|CLAUDE_|BUN_BE_BUN$|XDG_)/.test(k)) continue;
    env[k] = v;
  }
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) env[k] = v;
  return env;
}

export async function runKeel(args: string[], opts: RunOptions = {}): Promise<RunResult> {
  if (!existsSync(KEEL_BIN)) throw new Error(`${KEEL_BIN} is missing: run \`npm run build\` (npm test does it for you)`);
  const env = cleanEnv({ KEEL_HOME: opts.home ?? freshDir("keel-home-"), NO_COLOR: "1", ...opts.env });
  const proc = Bun.spawn([KEEL_BIN, ...args], {
    cwd: opts.cwd ?? freshDir("keel-cwd-"),
    env,
    stdin: opts.stdin === undefined ? "ignore" : new TextEncoder().encode(opts.stdin),
    stdout: "pipe",
    stderr: "pipe",
  });
  const [stdout, stderr, exitCode] = await Promise.all([
    new Response(proc.stdout).text(),
    new Response(proc.stderr).text(),
    proc.exited,
  ]);
  return { exitCode, stdout, stderr };
}
