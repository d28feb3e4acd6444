// Gathers the facts the dynamic half renders from — once, at session start. Every side
// effect (clock, git child process, file reads) is here, behind an injectable default,
// so that rendering stays pure and tests can pin the date and the directory.
import { userInfo, release } from "node:os";
import { basename, resolve } from "node:path";
import { gitRunner, type RunGit, readGitFacts } from "./git.ts";
import { discoverMemoryFiles, findProjectRoot } from "./memory-files.ts";
import type { DynamicContext } from "./section.ts";

export interface GatherOptions {
  cwd: string;
  /** User-level config dir for memory files (KEEL_HOME); null skips user memory. */
  userDir: string | null;
  toolNames?: readonly string[];
  clock?: () => Date;
  runGit?: RunGit;
  platform?: string;
  osRelease?: string;
  shell?: string | null;
}

export const PRODUCT_NAME = "keel";

export async function gatherContext(opts: GatherOptions): Promise<DynamicContext> {
  const cwd = resolve(opts.cwd);
  const projectRoot = findProjectRoot(cwd);
  const git = await readGitFacts(cwd, opts.runGit ?? gitRunner());
  return {
    productName: PRODUCT_NAME,
    toolNames: [...(opts.toolNames ?? [])].sort(),
    cwd,
    projectRoot,
    platform: opts.platform ?? process.platform,
    osRelease: opts.osRelease ?? release(),
    shell: opts.shell !== undefined ? opts.shell : defaultShell(),
    date: localDate((opts.clock ?? (() => new Date()))()),
    git,
    memory: discoverMemoryFiles({ cwd, projectRoot, userDir: opts.userDir }),
  };
}

/** YYYY-MM-DD in the local time zone: the date the person would name. */
export function localDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

function defaultShell(): string | null {
  const sh = process.env.SHELL || (() => {
    try {
      return userInfo().shell ?? "";
    } catch {
      return "";
    }
  })();
  return sh ? basename(sh) : null;
}
