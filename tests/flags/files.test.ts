// The override file and the install id on real temp dirs: atomic writes, other keys
// kept, a corrupt file refused without being touched, one id per install.
import { describe, expect, test } from "bun:test";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { installId, readUserFile, writeUserOverride } from "../../src/flags/index.ts";
import { readUserOverrides } from "../../src/flags/files.ts";
import { freshContext } from "./helpers.ts";

const fileIn = () => join(freshContext().paths.configDir, "flags.json");

describe("user override file", () => {
  test("set, set again, unset; unknown keys from another version are kept", () => {
    const file = fileIn();
    mkdirSync(join(file, ".."), { recursive: true });
    writeFileSync(file, JSON.stringify({ future_flag: 7 }));
    expect(writeUserOverride(file, "buddy", true)).toBe(false);
    expect(writeUserOverride(file, "buddy", false)).toBe(true);
    expect(readUserOverrides(file)).toEqual({ buddy: false });
    expect(writeUserOverride(file, "buddy", undefined)).toBe(true);
    expect(readUserFile(file)).toEqual({ future_flag: 7 });
    expect(readdirSync(join(file, ".."))).toEqual(["flags.json"]); // no temp files left behind
  });

  test("a corrupt file is refused by name and left as it was", () => {
    const file = fileIn();
    mkdirSync(join(file, ".."), { recursive: true });
    writeFileSync(file, "{ buddy: tru");
    expect(() => writeUserOverride(file, "kairos", true)).toThrow(`${file} is not valid JSON`);
    expect(readFileSync(file, "utf8")).toBe("{ buddy: tru");
  });

  test("a hand-edited value of the wrong type names the file", () => {
    const file = fileIn();
    mkdirSync(join(file, ".."), { recursive: true });
    writeFileSync(file, JSON.stringify({ buddy: "yes" }));
    expect(() => readUserOverrides(file)).toThrow(`${file}: buddy must be a boolean`);
  });

  test("a missing file is no overrides", () => {
    expect(readUserOverrides(fileIn())).toEqual({});
  });
});

describe("install id", () => {
  test("made once, then stable", () => {
    const dir = freshContext().paths.stateDir;
    const id = installId(dir);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(installId(dir)).toBe(id);
    expect(installId(freshContext().paths.stateDir)).not.toBe(id);
  });

  test("racing first runs agree on one id", async () => {
    const dir = freshContext().paths.stateDir;
    const script = `import { installId } from ${JSON.stringify(join(import.meta.dir, "../../src/flags/files.ts"))}; process.stdout.write(installId(${JSON.stringify(dir)}));`;
    const procs = Array.from({ length: 4 }, () => Bun.spawn([process.execPath, "-e", script], { stdout: "pipe" }));
    const ids = await Promise.all(procs.map((p) => new Response(p.stdout).text()));
    expect(new Set(ids).size).toBe(1);
    expect(ids[0]).toBe(installId(dir));
  });
});
