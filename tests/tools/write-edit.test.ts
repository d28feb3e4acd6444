import { afterAll, describe, expect, test } from "bun:test";
import { readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { call, makeCtx, tempDir, text, writeTree, removeTempDirs } from "./helpers.ts";

afterAll(removeTempDirs);

const read = (p: string) => readFileSync(p, "utf8");

describe("Write", () => {
  test("creates a new file and its parent dirs, atomically, with no temp file left", async () => {
    const dir = tempDir();
    const p = join(dir, "deep/er/new.txt");
    const r = await call("Write", { file_path: p, content: "hello\n" }, makeCtx(dir));
    expect(r.isError).toBeFalsy();
    expect(text(r)).toContain("File created successfully");
    expect(read(p)).toBe("hello\n");
    expect(readdirSync(join(dir, "deep/er"))).toEqual(["new.txt"]);
  });

  test("overwriting needs a prior Read; after reading it works and keeps the file mode", async () => {
    const dir = tempDir();
    const p = join(dir, "x.sh");
    writeFileSync(p, "old\n", { mode: 0o755 });
    const ctx = makeCtx(dir);
    const refused = await call("Write", { file_path: p, content: "new\n" }, ctx);
    expect(refused.isError).toBe(true);
    expect(text(refused)).toContain("has not been read");
    expect(read(p)).toBe("old\n");

    await call("Read", { file_path: p }, ctx);
    const ok = await call("Write", { file_path: p, content: "new\n" }, ctx);
    expect(ok.isError).toBeFalsy();
    expect(read(p)).toBe("new\n");
    expect(statSync(p).mode & 0o777).toBe(0o755);
    expect(readdirSync(dir)).toEqual(["x.sh"]);
    // Our own write counts as read: a second write needs no new Read.
    expect((await call("Write", { file_path: p, content: "newer\n" }, ctx)).isError).toBeFalsy();
  });

  test("refuses to overwrite a file changed on disk since it was read", async () => {
    const dir = tempDir();
    const p = join(dir, "f.txt");
    writeFileSync(p, "v1");
    const ctx = makeCtx(dir);
    await call("Read", { file_path: p }, ctx);
    writeFileSync(p, "v2 by the user");
    const r = await call("Write", { file_path: p, content: "model" }, ctx);
    expect(r.isError).toBe(true);
    expect(text(r)).toContain("changed on disk");
    expect(read(p)).toBe("v2 by the user");
  });

  test("writes through a symlink to its target", async () => {
    const dir = tempDir();
    writeTree(dir, { "real.txt": "a" });
    symlinkSync(join(dir, "real.txt"), join(dir, "link.txt"));
    const ctx = makeCtx(dir);
    await call("Read", { file_path: join(dir, "link.txt") }, ctx);
    await call("Write", { file_path: join(dir, "link.txt"), content: "b" }, ctx);
    expect(read(join(dir, "real.txt"))).toBe("b");
  });

  test("relative, '..' and NUL paths are refused and nothing is written", async () => {
    const dir = tempDir();
    const ctx = makeCtx(dir);
    for (const [file_path, msg] of [
      ["rel.txt", "must be an absolute path"],
      [`${dir}/a/../b.txt`, '".." segments'],
      [`${dir}/n\0.txt`, "NUL byte"],
    ] as const) {
      const r = await call("Write", { file_path, content: "x" }, ctx);
      expect(r.isError).toBe(true);
      expect(text(r)).toContain(msg);
    }
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe("Edit", () => {
  async function readied(content: string) {
    const dir = tempDir();
    const p = join(dir, "code.ts");
    writeFileSync(p, content);
    const ctx = makeCtx(dir);
    await call("Read", { file_path: p }, ctx);
    return { dir, p, ctx };
  }

  test("replaces a unique string, returns a numbered snippet and a structured diff", async () => {
    const { p, ctx } = await readied("a\nb\nconst x = 1;\nc\nd\n");
    const r = await call("Edit", { file_path: p, old_string: "const x = 1;", new_string: "const x = 2;" }, ctx);
    expect(r.isError).toBeFalsy();
    expect(read(p)).toBe("a\nb\nconst x = 2;\nc\nd\n");
    expect(text(r)).toContain("     3\tconst x = 2;");
    const hunks = (r.forDisplay as { hunks: Array<{ oldStart: number; lines: string[] }> }).hunks;
    expect(hunks).toHaveLength(1);
    expect(hunks[0]?.lines).toContain("-const x = 1;");
    expect(hunks[0]?.lines).toContain("+const x = 2;");
  });

  test("new_string is literal: $& and $1 are not replacement patterns", async () => {
    const { p, ctx } = await readied("price: X\n");
    await call("Edit", { file_path: p, old_string: "X", new_string: "$& $1 $$" }, ctx);
    expect(read(p)).toBe("price: $& $1 $$\n");
  });

  test("ambiguous, missing and no-op edits are refused and the file is unchanged", async () => {
    const { p, ctx } = await readied("foo\nfoo\nbar\n");
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ old_string: "foo", new_string: "baz" }, "occurs 2 times"],
      [{ old_string: "nothere", new_string: "baz" }, "not found"],
      [{ old_string: "bar", new_string: "bar" }, "exactly the same"],
      [{ old_string: "", new_string: "zz" }, "already exists"],
    ];
    for (const [edit, msg] of cases) {
      const r = await call("Edit", { file_path: p, ...edit }, ctx);
      expect(r.isError).toBe(true);
      expect(text(r)).toContain(msg);
    }
    expect(read(p)).toBe("foo\nfoo\nbar\n");
  });

  test("replace_all replaces every occurrence", async () => {
    const { p, ctx } = await readied("foo\nfoo\nbar\n");
    const r = await call("Edit", { file_path: p, old_string: "foo", new_string: "baz", replace_all: true }, ctx);
    expect(text(r)).toContain("All occurrences");
    expect(read(p)).toBe("baz\nbaz\nbar\n");
  });

  test("refuses a file modified on disk after Read, leaving it as the user left it", async () => {
    const { p, ctx } = await readied("one\ntwo\n");
    writeFileSync(p, "one\ntwo\nthree (user)\n");
    const r = await call("Edit", { file_path: p, old_string: "two", new_string: "2" }, ctx);
    expect(r.isError).toBe(true);
    expect(text(r)).toContain("changed on disk");
    expect(read(p)).toBe("one\ntwo\nthree (user)\n");
    // After reading again the edit goes through.
    await call("Read", { file_path: p }, ctx);
    expect((await call("Edit", { file_path: p, old_string: "two", new_string: "2" }, ctx)).isError).toBeFalsy();
    expect(read(p)).toBe("one\n2\nthree (user)\n");
  });

  test("refuses a file never read in this session", async () => {
    const dir = tempDir();
    writeTree(dir, { "u.txt": "abc" });
    const r = await call("Edit", { file_path: join(dir, "u.txt"), old_string: "a", new_string: "b" }, makeCtx(dir));
    expect(text(r)).toContain("has not been read");
    expect(read(join(dir, "u.txt"))).toBe("abc");
  });

  test("hostile paths are refused before any file is touched", async () => {
    const { dir, p, ctx } = await readied("safe\n");
    for (const [file_path, msg] of [
      [`${dir}/../${dir.split("/").pop()}/code.ts`, '".." segments'],
      [`${p}\0`, "NUL byte"],
    ] as const) {
      const r = await call("Edit", { file_path, old_string: "safe", new_string: "owned" }, ctx);
      expect(r.isError).toBe(true);
      expect(text(r)).toContain(msg);
    }
    expect(read(p)).toBe("safe\n");
  });

  test("keeps CRLF line endings when the model writes \\n", async () => {
    const { p, ctx } = await readied("a\r\nb\r\nc\r\n");
    const r = await call("Edit", { file_path: p, old_string: "a\nb", new_string: "A\nB" }, ctx);
    expect(r.isError).toBeFalsy();
    expect(read(p)).toBe("A\r\nB\r\nc\r\n");
  });

  test("an empty old_string on a missing file creates it", async () => {
    const dir = tempDir();
    const p = join(dir, "created.txt");
    const r = await call("Edit", { file_path: p, old_string: "", new_string: "fresh\n" }, makeCtx(dir));
    expect(text(r)).toContain("File created");
    expect(read(p)).toBe("fresh\n");
  });
});

describe("MultiEdit", () => {
  test("applies edits in order, each to the previous result", async () => {
    const dir = tempDir();
    const p = join(dir, "m.txt");
    writeFileSync(p, "alpha beta gamma\n");
    const ctx = makeCtx(dir);
    await call("Read", { file_path: p }, ctx);
    const r = await call(
      "MultiEdit",
      { file_path: p, edits: [{ old_string: "alpha", new_string: "ALPHA" }, { old_string: "ALPHA beta", new_string: "A B" }, { old_string: "a", new_string: "4", replace_all: true }] },
      ctx,
    );
    expect(r.isError).toBeFalsy();
    expect(read(p)).toBe("A B g4mm4\n");
  });

  test("all or nothing: a failing later edit leaves the file untouched and names the edit", async () => {
    const dir = tempDir();
    const p = join(dir, "m.txt");
    writeFileSync(p, "one two three\n");
    const ctx = makeCtx(dir);
    await call("Read", { file_path: p }, ctx);
    const r = await call("MultiEdit", { file_path: p, edits: [{ old_string: "one", new_string: "1" }, { old_string: "four", new_string: "4" }] }, ctx);
    expect(r.isError).toBe(true);
    expect(text(r)).toContain("edits[1]");
    expect(text(r)).toContain("not changed");
    expect(read(p)).toBe("one two three\n");
    expect(readdirSync(dir)).toEqual(["m.txt"]);
  });
});
