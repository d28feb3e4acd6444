// Finding a session to continue: the latest of this project (--continue) or one by
// id (--resume), looked up in this project first, then in every project.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { KeelError } from "../errors.ts";
import { projectDir, SESSION_ID, sessionsRoot } from "./paths.ts";

/** This project's sessions, newest first. */
export function recentSessions(stateDir: string, cwd: string, limit = 10): Array<{ id: string; path: string; mtimeMs: number }> {
  const dir = projectDir(stateDir, cwd);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith(".jsonl"))
    .map((name) => ({ id: name.slice(0, -".jsonl".length), path: join(dir, name), mtimeMs: statSync(join(dir, name)).mtimeMs }))
    .sort((a, b) => b.mtimeMs - a.mtimeMs)
    .slice(0, limit);
}

export function latestSession(stateDir: string, cwd: string): string | undefined {
  return recentSessions(stateDir, cwd, 1)[0]?.path;
}

export function findSession(stateDir: string, cwd: string, id: string): string {
  if (!SESSION_ID.test(id)) throw new KeelError(`--resume: "${id}" is not a session id (a UUID, as printed in session_id)`);
  const here = join(projectDir(stateDir, cwd), `${id}.jsonl`);
  if (existsSync(here)) return here;
  const root = sessionsRoot(stateDir);
  if (existsSync(root)) {
    for (const project of readdirSync(root)) {
      const p = join(root, project, `${id}.jsonl`);
      if (existsSync(p)) return p;
    }
  }
  throw new KeelError(`--resume: no session ${id} under ${root}`);
}
