// CwdChanged: keel's Bash keeps one working directory for the session. Each command
// starts there; when a foreground command succeeds, the `cd`s it ran at top level (not in
// a subshell, pipeline, condition, loop or background job) say where its shell ended, and
// that directory — if it exists inside the session's directory — is where later tool
// calls run. A `cd` whose target cannot be known without running it ($VAR, `cd -`,
// ~user) moves nothing. The session's directory itself never changes.
import { realpathSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { resolve } from "node:path";
import { analyzeBash, isInside } from "../safety/index.ts";
import type { EventFields, HookRunner } from "./hooks.ts";
import type { Tool, ToolContext, ToolResult } from "./tool-contract.ts";

const CWD = "engine.cwd";

/** Where this session's tools run now (set once a `cd` moved it), else undefined. */
export const trackedCwd = (store: Map<string, unknown>): string | undefined => store.get(CWD) as string | undefined;

/** The directory a command's top-level `cd`s lead to from `from`; undefined when there are none or one cannot be followed. */
export async function cdTarget(command: string, from: string): Promise<string | undefined> {
  if (!/(^|[\s;&|(])cd(\s|$|;)/.test(command)) return undefined;
  const a = analyzeBash(command);
  if (!a.parsed) return undefined;
  let dir = from;
  let moved = false;
  for (const c of a.commands) {
    if (c.context.length || c.effective[0] !== "cd") continue;
    const args = c.argv.slice(1).filter((w, i) => !(i === 0 && w === "--"));
    if (args.length > 1 || c.dynamic.some(Boolean)) return undefined;
    const arg = args[0];
    if (arg === "-" || arg?.startsWith("-") || (arg?.startsWith("~") && !/^~(\/|$)/.test(arg))) return undefined;
    const target = arg === undefined ? homedir() : arg.startsWith("~") ? homedir() + arg.slice(1) : resolve(dir, arg);
    if (!isDir(target)) return undefined; // the shell's cd failed; where it ended is not ours to guess
    dir = target;
    moved = true;
  }
  return moved ? realpathSync(dir) : undefined;
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

export function withCwdTracking(tool: Tool, hooks: HookRunner, sessionDir: string): Tool {
  return {
    ...tool,
    async run(input: unknown, ctx: ToolContext): Promise<ToolResult> {
      const out = await tool.run(input, ctx);
      const d = out.forDisplay as { type?: string; exitCode?: number | null } | undefined;
      const command = (input as { command?: unknown }).command;
      if (out.isError || d?.type !== "foreground" || d.exitCode !== 0 || typeof command !== "string" || typeof out.forModel !== "string") return out;
      const old = ctx.cwd;
      const next = await cdTarget(command, old);
      if (next === undefined || next === realpathSync(old)) return out;
      const root = realpathSync(sessionDir);
      const forModel = out.forModel;
      // Both real paths: the permission rules' own test (a directory named `..cache` is inside).
      if (!isInside(next, [root])) {
        return { ...out, forModel: `${forModel}\n\n(${next} is outside the session's directory ${root}; the working directory stays ${old}.)` };
      }
      // The turn's context is shared by the calls after this one; the store carries it to later turns and runs.
      ctx.cwd = next;
      ctx.store.set(CWD, next);
      const fields: EventFields["CwdChanged"] = { old_cwd: old, new_cwd: next };
      await hooks.run("CwdChanged", { session_id: ctx.sessionId, cwd: next, hook_event_name: "CwdChanged", ...fields }).catch(() => ({}));
      return { ...out, forModel: `${forModel}\n\n(The working directory is now ${next}; later commands run there.)` };
    },
  };
}
