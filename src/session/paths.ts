// Where transcripts live: <state>/sessions/<project-slug>/<id>.jsonl. The slug is the
// project directory with every non-alphanumeric character turned into "-" (as Claude
// Code does), shortened with a hash when very long.
import { createHash } from "node:crypto";
import { join } from "node:path";

export function projectSlug(cwd: string): string {
  const slug = cwd.replace(/[^a-zA-Z0-9]/g, "-");
  if (slug.length <= 120) return slug;
  return `${slug.slice(0, 100)}-${createHash("sha256").update(cwd).digest("hex").slice(0, 16)}`;
}

export const sessionsRoot = (stateDir: string) => join(stateDir, "sessions");
export const projectDir = (stateDir: string, cwd: string) => join(sessionsRoot(stateDir), projectSlug(cwd));
export const transcriptPath = (stateDir: string, cwd: string, id: string) => join(projectDir(stateDir, cwd), `${id}.jsonl`);

/** Session ids are UUIDs; anything else would let --resume walk the file system. */
export const SESSION_ID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
