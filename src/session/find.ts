// Finding a session to continue: the latest of this project (--continue) or one by
// id (--resume), looked up in this project first, then in every project.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { KeelError } from "../errors.ts";
import { projectDir, SESSION_ID, sessionsRoot } from "./paths.ts";

export function latestSession(stateDir: string, cwd: string): string | undefined {
  const dir = projectDir(stateDir, cwd);
  if (!existsSync(dir)) return undefined;
  let best: { path: string; mtime: number } | undefined;
  for (const name of readdirSync(dir)) {
    if (!name.endsWith(".jsonl")) continue;
    const path = join(dir, name);
    const mtime = statSync(path).mtimeMs;
    if (!best || mtime > best.mtime) best = { path, mtime };
  }
  return best?.path;
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
