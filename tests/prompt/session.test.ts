// Gathering real facts: real temp dirs, a real git child process, an injected clock.
import { describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gitRunner, parseGitFacts, startPromptSession } from "../../src/prompt/index.ts";
import { tool } from "./fixtures.ts";

const tmp = (p: string) => realpathSync(mkdtempSync(join(tmpdir(), p)));

function git(cwd: string, ...args: string[]) {
  const r = Bun.spawnSync(["git", "-c", "user.name=T", "-c", "user.email=t@example.com", ...args], { cwd, stderr: "pipe" });
  if (r.exitCode !== 0) throw new Error(`git ${args.join(" ")}: ${r.stderr}`);
}

function repo(): string {
  const dir = tmp("keel-repo-");
  git(dir, "init", "-q", "-b", "trunk");
  writeFileSync(join(dir, "a.txt"), "a");
  git(dir, "add", ".");
  git(dir, "commit", "-q", "-m", "First commit");
  writeFileSync(join(dir, "b.txt"), "b");
  writeFileSync(join(dir, "CLAUDE.md"), "Use tabs in this repo.");
  return dir;
}

describe("a session's prompt from a real directory", () => {
  test("the static half is byte-identical across directories and dates; the dynamic half differs", async () => {
    const a = await startPromptSession({
      cwd: repo(),
      userDir: null,
      tools: [tool("read"), tool("bash")],
      clock: () => new Date(2026, 0, 15, 9),
    });
    const plain = tmp("keel-plain-");
    const b = await startPromptSession({
      cwd: plain,
      userDir: null,
      tools: [tool("bash"), tool("read")],
      clock: () => new Date(2027, 6, 1, 23),
    });
    const ca = a.compile([{ role: "user", content: "hi" }]);
    const cb = b.compile([{ role: "user", content: "hello" }]);
    expect(ca.system[0]?.text).toBe(cb.system[0]?.text as string);
    expect(JSON.stringify(ca.tools)).toBe(JSON.stringify(cb.tools));
    expect(ca.report.boundary.staticFingerprint).toBe(cb.report.boundary.staticFingerprint);
    expect(ca.system[1]?.text).not.toBe(cb.system[1]?.text as string);
    expect(ca.system[1]?.text).toContain("Today's date: 2026-01-15");
    expect(cb.system[1]?.text).toContain("Today's date: 2027-07-01");
    expect(cb.system[1]?.text).toContain(`Working directory: ${plain}`);
  });

  test("git facts come from a real git run; absent outside a repository", async () => {
    const dir = repo();
    const s = await startPromptSession({ cwd: dir, userDir: null });
    expect(s.context.git).toMatchObject({ branch: "trunk", changeCount: 2 });
    expect(s.context.git?.recentCommits[0]).toMatch(/^[0-9a-f]{7,} First commit$/);
    const env = s.compile([]).system[1]?.text ?? "";
    expect(env).toContain("Current branch: trunk");
    expect(env).toContain("?? b.txt");
    expect(env).toContain("Use tabs in this repo.");

    const none = await startPromptSession({ cwd: tmp("keel-norepo-"), userDir: null });
    expect(none.context.git).toBeNull();
    expect(none.compile([]).system[1]?.text).toContain("Git: not a git repository");
  });

  test("a git that does not answer in time is treated as absent", async () => {
    const dir = tmp("keel-slowgit-");
    // A fake `git` first on PATH that hangs: the runner must give up, not wait.
    const bin = join(dir, "bin");
    mkdirSync(bin);
    writeFileSync(join(bin, "git"), "#!/bin/sh\nexec sleep 30\n", { mode: 0o755 });
    const saved = process.env.PATH;
    process.env.PATH = `${bin}:${saved}`;
    try {
      const out = await gitRunner(200)(["status"], dir);
      expect(out).toBeNull();
    } finally {
      process.env.PATH = saved;
    }
  });

  // [porcelain status, origin/HEAD, expected branch, expected main, expected count]
  const table: Array<[string, string | null, string | null, string | null, number]> = [
    ["## main...origin/main [ahead 1]\n M a.ts\n", "origin/main\n", "main", "main", 1],
    ["## No commits yet on trunk\n?? x\n?? y\n", null, "trunk", null, 2],
    ["## HEAD (no branch)\n", "origin/HEAD\n", null, null, 0],
    ["## feature/x\n", "origin/develop", "feature/x", "develop", 0],
  ];
  for (const [status, origin, branch, main, count] of table) {
    test(`parses ${JSON.stringify(status.split("\n")[0])}`, () => {
      const f = parseGitFacts(status, "abc Msg\n", origin);
      expect([f.branch, f.mainBranch, f.changeCount, f.recentCommits]).toEqual([branch, main, count, ["abc Msg"]]);
    });
  }
});
