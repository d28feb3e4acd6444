// Hook test fixtures: a temp project, hook scripts written to disk, a runner over them.
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createHookRunner, type HookPayload, readHooks, type RunnerOptions } from "../../src/hooks/index.ts";

export function fixture() {
  const dir = mkdtempSync(join(tmpdir(), "keel-hooks-"));
  const notices: string[] = [];
  return {
    dir,
    notices,
    script(name: string, body: string): string {
      const p = join(dir, name);
      writeFileSync(p, `#!/usr/bin/env bash\n${body}\n`);
      chmodSync(p, 0o755);
      return p;
    },
    runner(hooks: unknown, extra: Partial<RunnerOptions> = {}) {
      const { defs, problems } = readHooks(hooks, join(dir, "settings.json"));
      if (problems.length) throw new Error(problems.map((p) => p.message).join("; "));
      return createHookRunner({ defs, projectDir: dir, transcriptPath: join(dir, "t.jsonl"), permissionMode: "default", notify: (l) => notices.push(l), ...extra });
    },
    /** A command hook that appends its stdin JSON as one line to `<name>.jsonl`, then runs `then` (e.g. `exit 2`). */
    recorder(name: string, then = "exit 0") {
      const out = join(dir, `${name}.jsonl`);
      const command = this.script(`${name}.sh`, `{ cat; echo; } >> '${out}'\n${then}`);
      return { command, out, heard: (): HookPayload[] => (existsSync(out) ? readFileSync(out, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l)) : []) };
    },
    payload(extra: Partial<HookPayload> = {}): HookPayload {
      return { session_id: "s1", cwd: dir, hook_event_name: "PreToolUse", tool_name: "Bash", tool_input: { command: "ls" }, tool_use_id: "toolu_1", ...extra };
    },
  };
}

export const pre = (command: string, extra: Record<string, unknown> = {}, matcher = "Bash") => ({ PreToolUse: [{ matcher, hooks: [{ type: "command", command, ...extra }] }] });

/** A settings `hooks` section: one command hook per event. */
export const on = (event: string, command: string, matcher = "") => ({ [event]: [{ matcher, hooks: [{ type: "command", command }] }] });
export const merge = (...sections: Record<string, unknown>[]) => Object.assign({}, ...sections);
