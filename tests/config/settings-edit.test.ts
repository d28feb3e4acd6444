// `config set/unset` edits: validated before writing, atomic, and never over a file the
// person would lose (unparseable) — in each refusal the file is byte-identical after.
import { describe, expect, test } from "bun:test";
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { editSetting, writeFileAtomic, writeFileAtomicSync } from "../../src/config/index.ts";
import { sandbox } from "./helpers.ts";

const opts = (s: ReturnType<typeof sandbox>) => ({ cwd: s.project, env: s.env });

describe("editSetting", () => {
  test("sets nested values in the chosen layer, keeping the rest of the file", async () => {
    const s = sandbox();
    const file = s.write("project", { model: "keep-me" });
    const r = await editSetting("project", "permissions.defaultMode", "plan", opts(s));
    expect(r.file).toBe(file);
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual({ model: "keep-me", permissions: { defaultMode: "plan" } });
    await editSetting("local", "sandbox.network", true, opts(s));
    expect(JSON.parse(readFileSync(join(s.project, ".keel", "settings.local.json"), "utf8"))).toEqual({ sandbox: { network: true } });
  });

  test("unset removes the value and empty parents", async () => {
    const s = sandbox();
    const file = s.write("user", { model: "m", permissions: { defaultMode: "plan" } });
    const r = await editSetting("user", "permissions.defaultMode", undefined, opts(s));
    expect(r.before).toBe("plan");
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual({ model: "m" });
  });

  test.each([
    ["an invalid value", "permissions.defaultMode", "yolo", /permissions\.defaultMode: Invalid option: expected one of .*Nothing was written/],
    ["a wrong type", "compaction.auto", "yes", /compaction\.auto: .*expected boolean.*Nothing was written/],
    ["an unknown key", "modle", "x", /unknown setting "modle"/],
    ["an unknown nested key", "sandbox.netwrok", true, /sandbox: Unrecognized key: "netwrok".*Nothing was written/],
  ])("refuses %s and writes nothing", async (_n, key, value, pattern) => {
    const s = sandbox();
    const file = s.write("user", '{ "model": "m" }\n');
    await expect(editSetting("user", key, value, opts(s))).rejects.toThrow(pattern);
    expect(readFileSync(file, "utf8")).toBe('{ "model": "m" }\n');
    expect(readdirSync(dirname(file))).toEqual(["settings.json"]);
  });

  test("never overwrites a file it cannot parse; the error names line and column", async () => {
    const s = sandbox();
    const file = s.write("user", '{ "model": "m",, }');
    await expect(editSetting("user", "model", "x", opts(s))).rejects.toThrow(/settings\.json: not valid settings JSON \(line 1, column 16.*Nothing was written/);
    expect(readFileSync(file, "utf8")).toBe('{ "model": "m",, }');
  });
});

describe("atomic writes", () => {
  test("replace the file, keep its mode, leave no temp file", async () => {
    const s = sandbox();
    const file = join(s.root, "f.json");
    writeFileSync(file, "old");
    chmodSync(file, 0o640);
    await writeFileAtomic(file, "new");
    writeFileAtomicSync(file, "newer");
    expect(readFileSync(file, "utf8")).toBe("newer");
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(readdirSync(s.root).filter((f) => f.includes("keel-tmp"))).toEqual([]);
  });

  test("a failed write keeps the old file and leaves no temp file", async () => {
    const s = sandbox();
    const dir = join(s.root, "target-is-a-dir");
    mkdirSync(join(dir, "child"), { recursive: true });
    await expect(writeFileAtomic(dir, "x")).rejects.toThrow();
    expect(() => writeFileAtomicSync(dir, "x")).toThrow();
    expect(statSync(dir).isDirectory()).toBe(true);
    expect(readdirSync(s.root).filter((f) => f.includes("keel-tmp"))).toEqual([]);
  });
});
