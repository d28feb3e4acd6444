import { afterAll, describe, expect, test } from "bun:test";
import { utimesSync } from "node:fs";
import { join } from "node:path";
import { call, makeCtx, tempDir, text, writeTree, removeTempDirs } from "./helpers.ts";

afterAll(removeTempDirs);

/** A small repo with nested .gitignore files, a .git dir, a binary and a dot-dir. */
function repo(): string {
  const dir = tempDir();
  writeTree(dir, {
    ".gitignore": "node_modules/\n*.log\nbuild\n",
    ".git/config": "needle in git\n",
    "src/a.ts": "export const needle = 1;\nconst other = 2;\n",
    "src/b.ts": "// no match here\n",
    "src/deep/c.tsx": "function Needle() {}\nneedle();\n",
    "src/deep/.gitignore": "secret.ts\n!keep.log\n",
    "src/deep/secret.ts": "needle secret\n",
    "src/deep/keep.log": "needle kept log\n",
    "node_modules/pkg/index.ts": "needle in deps\n",
    "build/out.ts": "needle built\n",
    "debug.log": "needle log\n",
    "docs/readme.md": "Needle docs\n",
    "img.bin": Buffer.from([0x6e, 0x65, 0x65, 0x64, 0x6c, 0x65, 0x00, 0x01]),
    ".github/ci.ts": "needle ci\n",
  });
  // Distinct mtimes so newest-first ordering is checkable.
  const t = Date.now() / 1000;
  utimesSync(join(dir, "src/a.ts"), t - 300, t - 300);
  utimesSync(join(dir, "src/deep/c.tsx"), t - 100, t - 100);
  utimesSync(join(dir, "src/b.ts"), t - 200, t - 200);
  return dir;
}

const lines = (s: string) => s.split("\n").filter(Boolean);

describe("Glob", () => {
  test("matches, honours nested .gitignore and skips .git, newest first", async () => {
    const dir = repo();
    const r = await call("Glob", { pattern: "**/*.ts" }, makeCtx(dir));
    const found = lines(text(r));
    // .github/ci.ts was written just now; b.ts is 200 s old, a.ts 300 s.
    expect(found).toEqual([join(dir, ".github/ci.ts"), join(dir, "src/b.ts"), join(dir, "src/a.ts")]);
  });

  test("brace patterns, a path argument and an absolute pattern", async () => {
    const dir = repo();
    const ctx = makeCtx(dir);
    expect(lines(text(await call("Glob", { pattern: "**/*.{tsx,md}" }, ctx))).sort()).toEqual([join(dir, "docs/readme.md"), join(dir, "src/deep/c.tsx")]);
    expect(lines(text(await call("Glob", { pattern: "*.tsx", path: join(dir, "src/deep") }, ctx)))).toEqual([join(dir, "src/deep/c.tsx")]);
    expect(lines(text(await call("Glob", { pattern: `${dir}/src/**/*.tsx` }, ctx)))).toEqual([join(dir, "src/deep/c.tsx")]);
    expect(lines(text(await call("Glob", { pattern: "**/*.log" }, ctx)))).toEqual([join(dir, "src/deep/keep.log")]);
  });

  test("caps the result count with a truncation note", async () => {
    const dir = tempDir();
    writeTree(dir, Object.fromEntries(Array.from({ length: 130 }, (_, i) => [`f${i}.txt`, "x"])));
    const out = text(await call("Glob", { pattern: "*.txt" }, makeCtx(dir)));
    expect(lines(out).filter((l) => l.startsWith("/"))).toHaveLength(100);
    expect(out).toContain("truncated: showing 100 of 130");
  });

  test("no match, a missing path and '..' give clear answers", async () => {
    const dir = repo();
    const ctx = makeCtx(dir);
    expect(text(await call("Glob", { pattern: "*.nothing" }, ctx))).toBe("No files found");
    const missing = await call("Glob", { pattern: "*", path: join(dir, "nope") }, ctx);
    expect(missing.isError).toBe(true);
    expect(text(missing)).toContain("does not exist");
    const up = await call("Glob", { pattern: "../**/*" }, ctx);
    expect(up.isError).toBe(true);
    expect(text(up)).toContain('".."');
  });
});

describe("Grep", () => {
  test("files_with_matches honours .gitignore (nested, negated), skips binaries and .git", async () => {
    const dir = repo();
    const r = await call("Grep", { pattern: "needle" }, makeCtx(dir));
    const out = lines(text(r));
    expect(out[0]).toBe("Found 4 files");
    expect(new Set(out.slice(1))).toEqual(new Set([join(dir, "src/a.ts"), join(dir, "src/deep/c.tsx"), join(dir, "src/deep/keep.log"), join(dir, ".github/ci.ts")]));
  });

  test("-i, glob and type filters", async () => {
    const dir = repo();
    const ctx = makeCtx(dir);
    const ci = lines(text(await call("Grep", { pattern: "needle", "-i": true, glob: "*.{md,tsx}" }, ctx))).slice(1);
    expect(ci.sort()).toEqual([join(dir, "docs/readme.md"), join(dir, "src/deep/c.tsx")]);
    const typed = lines(text(await call("Grep", { pattern: "needle", type: "ts" }, ctx))).slice(1);
    expect(typed.sort()).toEqual([join(dir, ".github/ci.ts"), join(dir, "src/a.ts"), join(dir, "src/deep/c.tsx")]);
    const negated = lines(text(await call("Grep", { pattern: "needle", glob: "!*.tsx" }, ctx))).slice(1);
    expect(negated).not.toContain(join(dir, "src/deep/c.tsx"));
    const bad = await call("Grep", { pattern: "x", type: "cobol" }, ctx);
    expect(text(bad)).toContain("is not known");
  });

  test("content mode: line numbers, context, separators", async () => {
    const dir = tempDir();
    writeTree(dir, { "f.txt": "1\n2\nhit a\n4\n5\n6\n7\n8\nhit b\n10\n" });
    const ctx = makeCtx(dir);
    const p = join(dir, "f.txt");
    expect(text(await call("Grep", { pattern: "^hit", output_mode: "content" }, ctx))).toBe(`${p}:3:hit a\n${p}:9:hit b`);
    expect(text(await call("Grep", { pattern: "hit", output_mode: "content", "-n": false }, ctx))).toBe(`${p}:hit a\n${p}:hit b`);
    expect(text(await call("Grep", { pattern: "hit", output_mode: "content", "-C": 1 }, ctx))).toBe(
      [`${p}-2-2`, `${p}:3:hit a`, `${p}-4-4`, "--", `${p}-8-8`, `${p}:9:hit b`, `${p}-10-10`].join("\n"),
    );
    expect(text(await call("Grep", { pattern: "hit", output_mode: "content", "-A": 4 }, ctx))).toContain(`${p}-7-7\n--\n${p}:9:hit b`);
  });

  test("count mode and head_limit", async () => {
    const dir = tempDir();
    writeTree(dir, { "a.txt": "x\nx\ny\n", "b.txt": "x\n", "c.txt": "none\n" });
    const ctx = makeCtx(dir);
    const out = text(await call("Grep", { pattern: "x", output_mode: "count" }, ctx));
    expect(out).toBe(`${join(dir, "a.txt")}:2\n${join(dir, "b.txt")}:1\n\nFound 3 total occurrences across 2 files.`);
    const limited = text(await call("Grep", { pattern: "x", output_mode: "content", head_limit: 1 }, ctx));
    expect(limited).toStartWith(`${join(dir, "a.txt")}:1:x\n[showing the first 1`);
  });

  test("a broad content search is truncated to the same path-ordered prefix every time", async () => {
    const dir = tempDir();
    writeTree(dir, Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`f${String(i).padStart(2, "0")}.txt`, "match me please\n".repeat(300)])));
    const ctx = makeCtx(dir);
    const first = text(await call("Grep", { pattern: "match", output_mode: "content" }, ctx));
    const second = text(await call("Grep", { pattern: "match", output_mode: "content" }, ctx));
    expect(first).toBe(second);
    expect(first).toStartWith(`${join(dir, "f00.txt")}:1:match me please`);
    expect(first).toContain("[output truncated at 30000 characters");
    expect(first.length).toBeLessThan(30_200);
  });

  test("multiline patterns span lines", async () => {
    const dir = tempDir();
    writeTree(dir, { "s.go": "type T struct {\n  a int\n  field string\n}\n" });
    const ctx = makeCtx(dir);
    expect(text(await call("Grep", { pattern: "struct \\{.*field", output_mode: "files_with_matches" }, ctx))).toBe("No files found");
    const r = text(await call("Grep", { pattern: "struct \\{.*field", multiline: true, output_mode: "content" }, ctx));
    expect(r).toBe([1, 2, 3].map((n) => `${join(dir, "s.go")}:${n}:${["type T struct {", "  a int", "  field string"][n - 1]}`).join("\n"));
  });

  test("a file path searches that file; an invalid regex is a clear error", async () => {
    const dir = repo();
    const ctx = makeCtx(dir);
    const one = text(await call("Grep", { pattern: "needle", path: join(dir, "debug.log") }, ctx));
    expect(one).toBe(`Found 1 file\n${join(dir, "debug.log")}`);
    const bad = await call("Grep", { pattern: "(unclosed" }, ctx);
    expect(bad.isError).toBe(true);
    expect(text(bad)).toContain("not a valid JavaScript regular expression");
  });
});

describe("ignore rules from above the search path", () => {
  test("inside a git repository, .gitignore files of ancestor directories apply", async () => {
    const dir = tempDir();
    writeTree(dir, { ".git/HEAD": "ref: refs/heads/main\n", ".gitignore": "*.gen.ts\n", "pkg/sub/a.gen.ts": "needle", "pkg/sub/b.ts": "needle" });
    const ctx = makeCtx(join(dir, "pkg"));
    expect(lines(text(await call("Glob", { pattern: "**/*.ts" }, ctx)))).toEqual([join(dir, "pkg/sub/b.ts")]);
    expect(lines(text(await call("Grep", { pattern: "needle", path: join(dir, "pkg/sub") }, ctx))).slice(1)).toEqual([join(dir, "pkg/sub/b.ts")]);
  });

  test("Grep skips files over 10 MB and says how many", async () => {
    const dir = tempDir();
    writeTree(dir, { "big.txt": `needle\n${"x".repeat(11 * 1024 * 1024)}`, "small.txt": "needle" });
    const r = await call("Grep", { pattern: "needle" }, makeCtx(dir));
    expect(lines(text(r)).slice(1)).toEqual([join(dir, "small.txt")]);
    expect((r.forDisplay as { skippedLarge: number }).skippedLarge).toBe(1);
  });
});

describe("LS", () => {
  test("a tree, .gitignore-aware, with ignore globs", async () => {
    const dir = repo();
    const out = text(await call("LS", { path: dir, ignore: ["*.md", ".github"] }, makeCtx(dir)));
    expect(out).toBe(
      [`- ${dir}/`, "  - .gitignore", "  - docs/", "  - img.bin", "  - src/", "    - a.ts", "    - b.ts", "    - deep/", "      - .gitignore", "      - c.tsx", "      - keep.log"].join("\n"),
    );
  });

  test("caps at 1000 entries, shallowest first, with a note", async () => {
    const dir = tempDir();
    writeTree(dir, Object.fromEntries(Array.from({ length: 1100 }, (_, i) => [`d${i % 3}/f${i}.txt`, ""])));
    const out = text(await call("LS", { path: dir }, makeCtx(dir)));
    expect(out).toStartWith("There are more than 1000");
    expect(out).toContain("  - d0/\n");
    expect(out.split("\n").filter((l) => l.includes("- f"))).toHaveLength(997);
  });

  test("a file path is refused", async () => {
    const dir = repo();
    const r = await call("LS", { path: join(dir, "src/a.ts") }, makeCtx(dir));
    expect(text(r)).toContain("is not a directory");
  });
});
