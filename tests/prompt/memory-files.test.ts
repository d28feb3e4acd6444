import { describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { discoverMemoryFiles, findProjectRoot } from "../../src/prompt/index.ts";

function tree() {
  const top = realpathSync(mkdtempSync(join(tmpdir(), "keel-mem-")));
  const outside = join(top, "outside");
  const root = join(outside, "repo");
  const cwd = join(root, "packages", "app");
  const user = join(top, "home", "config");
  mkdirSync(cwd, { recursive: true });
  mkdirSync(join(root, ".git"));
  mkdirSync(user, { recursive: true });
  return { top, outside, root, cwd, user };
}

describe("memory file discovery", () => {
  test("user level first, then the project from its root down to cwd; nothing above the root", () => {
    const t = tree();
    writeFileSync(join(t.outside, "CLAUDE.md"), "above the project");
    writeFileSync(join(t.root, "AGENTS.md"), "root agents");
    writeFileSync(join(t.root, "CLAUDE.md"), "root claude");
    writeFileSync(join(t.root, "packages", "KEEL.md"), "packages keel");
    writeFileSync(join(t.cwd, "CLAUDE.md"), "app claude");
    writeFileSync(join(t.user, "KEEL.md"), "user keel");
    expect(findProjectRoot(t.cwd)).toBe(t.root);
    const found = discoverMemoryFiles({ cwd: t.cwd, projectRoot: t.root, userDir: t.user });
    expect(found.map((f) => [f.scope, f.path.slice(t.top.length), f.content])).toEqual([
      ["user", "/home/config/KEEL.md", "user keel"],
      ["project", "/outside/repo/AGENTS.md", "root agents"],
      ["project", "/outside/repo/CLAUDE.md", "root claude"],
      ["project", "/outside/repo/packages/KEEL.md", "packages keel"],
      ["project", "/outside/repo/packages/app/CLAUDE.md", "app claude"],
    ]);
  });

  test("without a project root the walk goes up to the filesystem root", () => {
    const t = tree();
    const loose = join(t.top, "loose", "deep");
    mkdirSync(loose, { recursive: true });
    writeFileSync(join(t.top, "AGENTS.md"), "top agents");
    expect(findProjectRoot(loose)).toBeNull();
    const found = discoverMemoryFiles({ cwd: loose, projectRoot: null, userDir: null });
    expect(found.map((f) => f.path)).toContain(join(t.top, "AGENTS.md"));
  });

  test("one file under two names loads once; a directory named like a memory file is ignored", () => {
    const t = tree();
    writeFileSync(join(t.cwd, "AGENTS.md"), "shared");
    symlinkSync(join(t.cwd, "AGENTS.md"), join(t.cwd, "CLAUDE.md"));
    mkdirSync(join(t.cwd, "KEEL.md"));
    const found = discoverMemoryFiles({ cwd: t.cwd, projectRoot: t.root, userDir: null });
    expect(found.map((f) => f.path)).toEqual([join(t.cwd, "AGENTS.md")]);
  });

  test("a huge file is cut at the cap and marked truncated", () => {
    const t = tree();
    writeFileSync(join(t.cwd, "CLAUDE.md"), "x".repeat(200_000));
    const [f] = discoverMemoryFiles({ cwd: t.cwd, projectRoot: t.root, userDir: null });
    expect(f?.truncated).toBe(true);
    expect(f?.content.length).toBe(64 * 1024);
  });
});
