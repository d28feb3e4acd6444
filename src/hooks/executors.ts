// Running one hook of each kind. command: a shell command in its own process group with
// the payload on stdin, killed whole at its timeout; http: the payload POSTed, the
// response read like a command's stdout. Other kinds are injected by their owners.
import { spawnShell } from "../tools/index.ts";
import type { HookDef } from "./config.ts";
import type { HookPayload } from "./events.ts";
import { type Interpreted, interpret } from "./output.ts";

export interface ExecEnv {
  projectDir: string;
}

/** For kinds whose machinery lives elsewhere: prompt (a model), agent (a sub-agent), function (a plugin host), callback (in-process). */
export type InjectedExecutor = (def: HookDef, payload: HookPayload, signal: AbortSignal) => Promise<Interpreted>;

export const labelOf = (d: HookDef) => `${d.event}:${d.kind} ${d.target.length > 60 ? `${d.target.slice(0, 57)}…` : d.target} (${d.source})`;

const substitute = (s: string, d: HookDef) => (d.pluginRoot ? s.replaceAll("${CLAUDE_PLUGIN_ROOT}", d.pluginRoot) : s);

export async function runCommand(d: HookDef, payload: HookPayload, env: ExecEnv): Promise<Interpreted> {
  let stdout = "";
  let stderr = "";
  const proc = await spawnShell(substitute(d.target, d), {
    cwd: payload.cwd,
    stdin: JSON.stringify(payload),
    env: { CLAUDE_PROJECT_DIR: env.projectDir, KEEL_PROJECT_DIR: env.projectDir, ...(d.pluginRoot ? { CLAUDE_PLUGIN_ROOT: d.pluginRoot } : {}) },
    onOutput: (s, t) => (s === "stdout" ? (stdout += t) : (stderr += t)),
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    proc.killTree();
  }, d.timeoutMs);
  const exit = await proc.exited;
  clearTimeout(timer);
  if (timedOut) return interpret(d.event, { exitCode: null, stdout, stderr, failure: `timed out after ${d.timeoutMs / 1000} s and was killed` }, labelOf(d));
  if (exit.error) return interpret(d.event, { exitCode: null, stdout, stderr, failure: `could not start: ${exit.error}` }, labelOf(d));
  return interpret(d.event, { exitCode: exit.code, stdout, stderr }, labelOf(d));
}

export async function runHttp(d: HookDef, payload: HookPayload): Promise<Interpreted> {
  const headers = { "content-type": "application/json", ...((d.options.headers as Record<string, string> | undefined) ?? {}) };
  try {
    const res = await fetch(d.target, { method: "POST", headers, body: JSON.stringify(payload), signal: AbortSignal.timeout(d.timeoutMs) });
    const body = await res.text();
    if (!res.ok) return interpret(d.event, { exitCode: null, stdout: "", stderr: "", failure: `HTTP ${res.status} from ${d.target}` }, labelOf(d));
    return interpret(d.event, { exitCode: 0, stdout: body, stderr: "" }, labelOf(d));
  } catch (e) {
    const why = (e as Error).name === "TimeoutError" ? `timed out after ${d.timeoutMs / 1000} s` : (e as Error).message;
    return interpret(d.event, { exitCode: null, stdout: "", stderr: "", failure: why }, labelOf(d));
  }
}
