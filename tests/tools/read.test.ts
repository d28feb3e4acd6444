import { afterAll, describe, expect, test } from "bun:test";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { call, makeCtx, tempDir, text, writeTree, removeTempDirs } from "./helpers.ts";

afterAll(removeTempDirs);

// A 1x1 PNG.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

describe("Read", () => {
  test("numbers lines cat -n style and records hash and mtime", async () => {
    const dir = tempDir();
    writeTree(dir, { "a.txt": "alpha\nbeta\r\ngamma\n" });
    const ctx = makeCtx(dir);
    const r = await call("Read", { file_path: join(dir, "a.txt") }, ctx);
    expect(r.isError).toBeFalsy();
    expect(text(r)).toBe("     1\talpha\n     2\tbeta\n     3\tgamma");
    const seen = ctx.files.get(join(dir, "a.txt"));
    expect(seen?.size).toBe(18);
    expect(seen?.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  test("offset and limit give a window and say how to read on", async () => {
    const dir = tempDir();
    writeTree(dir, { "n.txt": Array.from({ length: 50 }, (_, i) => `line ${i + 1}`).join("\n") });
    const r = await call("Read", { file_path: join(dir, "n.txt"), offset: 10, limit: 3 }, makeCtx(dir));
    expect(text(r)).toStartWith("    10\tline 10\n    11\tline 11\n    12\tline 12");
    expect(text(r)).toContain("offset=13");
  });

  test("defaults to 2000 lines and truncates long lines", async () => {
    const dir = tempDir();
    const lines = Array.from({ length: 2500 }, (_, i) => (i === 0 ? "x".repeat(5000) : `l${i}`));
    writeTree(dir, { "big.txt": lines.join("\n") });
    const r = await call("Read", { file_path: join(dir, "big.txt") }, makeCtx(dir));
    const out = text(r);
    expect(out).toContain("[3000 more characters]");
    expect(out).toContain("  2000\tl1999");
    expect(out).not.toContain("  2001\t");
    expect(out).toContain("Showing lines 1-2000 of 2500");
  });

  test("a relative path resolves against the session cwd", async () => {
    const dir = tempDir();
    writeTree(dir, { "sub/r.txt": "hi" });
    expect(text(await call("Read", { file_path: "sub/r.txt" }, makeCtx(dir)))).toBe("     1\thi");
  });

  test("empty file gets a note", async () => {
    const dir = tempDir();
    writeTree(dir, { "e.txt": "" });
    const r = await call("Read", { file_path: join(dir, "e.txt") }, makeCtx(dir));
    expect(r.isError).toBeFalsy();
    expect(text(r)).toContain("is empty");
  });

  test("images come back as base64 image blocks with the sniffed media type", async () => {
    const dir = tempDir();
    writeTree(dir, { "i.png": PNG });
    const r = await call("Read", { file_path: join(dir, "i.png") }, makeCtx(dir));
    expect(Array.isArray(r.forModel)).toBe(true);
    const block = (r.forModel as Array<{ type: string; source?: { media_type: string; data: string } }>)[0];
    expect(block?.type).toBe("image");
    expect(block?.source?.media_type).toBe("image/png");
    expect(Buffer.from(block?.source?.data ?? "", "base64").equals(PNG)).toBe(true);
  });

  test("an image over the size cap is refused", async () => {
    const dir = tempDir();
    const big = Buffer.alloc(4 * 1024 * 1024);
    PNG.copy(big);
    writeTree(dir, { "huge.png": big });
    const r = await call("Read", { file_path: join(dir, "huge.png") }, makeCtx(dir));
    expect(r.isError).toBe(true);
    expect(text(r)).toContain("the limit is");
  });

  test("binary files are refused with a clear message", async () => {
    const dir = tempDir();
    writeTree(dir, { "b.dat2": Buffer.from([0x41, 0x00, 0x42, 0x43]), "fake.png": "not really a png\0" });
    for (const f of ["b.dat2", "fake.png"]) {
      const r = await call("Read", { file_path: join(dir, f) }, makeCtx(dir));
      expect(r.isError).toBe(true);
      expect(text(r)).toContain("binary");
    }
  });

  test("files over 256 KiB need offset/limit; with them they read", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "log.txt"), "0123456789\n".repeat(30_000));
    const whole = await call("Read", { file_path: join(dir, "log.txt") }, makeCtx(dir));
    expect(whole.isError).toBe(true);
    expect(text(whole)).toContain("offset and limit");
    const part = await call("Read", { file_path: join(dir, "log.txt"), offset: 29_999, limit: 5 }, makeCtx(dir));
    expect(text(part)).toBe(" 29999\t0123456789\n 30000\t0123456789");
  });

  test("missing files, directories and hostile paths give clear errors", async () => {
    const dir = tempDir();
    writeTree(dir, { "f.txt": "x" });
    const ctx = makeCtx(dir);
    const cases: Array<[unknown, string]> = [
      [{ file_path: join(dir, "nope.txt") }, "does not exist"],
      [{ file_path: dir }, "is a directory"],
      [{ file_path: `${dir}/../${dir.split("/").pop()}/f.txt` }, '".." segments'],
      [{ file_path: `${dir}/f.txt\0.png` }, "NUL byte"],
      [{ file_path: join(dir, "f.txt"), offset: 1_000_000_000 }, "past the end"],
      [{ file_path: "" }, "empty"],
    ];
    for (const [input, msg] of cases) {
      const r = await call("Read", input, ctx);
      expect(r.isError).toBe(true);
      expect(text(r)).toContain(msg);
    }
    expect([...ctx.files.entries()]).toEqual([]);
  });
});
