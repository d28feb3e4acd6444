// Git facts for the environment section, read once at session start by running the real
// `git` with a timeout. Outside a repository, without git, or past the timeout: null —
// the section then simply has no git part.
import type { GitFacts } from "./section.ts";

/** Runs git in `cwd`; resolves to stdout, or null on a non-zero exit, a missing git, or the timeout. */
export type RunGit = (args: string[], cwd: string) => Promise<string | null>;

export const MAX_LISTED_CHANGES = 20;
export const RECENT_COMMITS = 5;

export function gitRunner(timeoutMs = 2000): RunGit {
  return async (args, cwd) => {
    try {
      const proc = Bun.spawn(["git", "--no-pager", "-c", "core.quotepath=false", ...args], {
        cwd,
        stdin: "ignore",
        stdout: "pipe",
        stderr: "ignore",
        // Never take the index lock: a status for the prompt must not collide with the person's git.
        env: { ...process.env, GIT_OPTIONAL_LOCKS: "0", GIT_TERMINAL_PROMPT: "0" },
        timeout: timeoutMs,
        killSignal: "SIGKILL",
      });
      const [out, code] = await Promise.all([new Response(proc.stdout).text(), proc.exited]);
      return code === 0 ? out : null;
    } catch {
      return null; // git not installed, or cwd gone
    }
  };
}

export async function readGitFacts(cwd: string, run: RunGit): Promise<GitFacts | null> {
  const [status, log, origin] = await Promise.all([
    run(["status", "--porcelain=v1", "--branch", "--untracked-files=normal"], cwd),
    run(["log", "--oneline", "--no-decorate", `-n${RECENT_COMMITS}`], cwd),
    run(["rev-parse", "--abbrev-ref", "origin/HEAD"], cwd),
  ]);
  if (status === null) return null;
  return parseGitFacts(status, log ?? "", origin);
}

/** Pure: porcelain v1 status (with --branch), `log --oneline`, and `origin/HEAD` → facts. */
export function parseGitFacts(status: string, log: string, originHead: string | null): GitFacts {
  const lines = status.split("\n").filter((l) => l !== "");
  let branch: string | null = null;
  const head = lines[0]?.startsWith("## ") ? (lines.shift() as string).slice(3) : null;
  if (head !== null) {
    const noCommits = /^(?:No commits yet|Initial commit) on (.+)$/.exec(head);
    if (noCommits) branch = noCommits[1] as string;
    else if (!head.startsWith("HEAD (no branch)")) branch = head.split("...")[0]?.split(" ")[0] ?? null;
  }
  const main = originHead?.trim().replace(/^origin\//, "") || null;
  return {
    branch,
    mainBranch: main && main !== "HEAD" ? main : null,
    changes: lines.slice(0, MAX_LISTED_CHANGES),
    changeCount: lines.length,
    recentCommits: log.split("\n").filter((l) => l !== ""),
  };
}
