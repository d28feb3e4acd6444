// The install id: the account id when KEEL_ACCOUNT_ID is set, else one random id made once
// in <stateDir>/install-id and kept — shared with the flags' GrowthBook attribute, agreed on
// by racing processes, and never silently replaced when the file is damaged.
import { describe, expect, test } from "bun:test";
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { installIdentity, installIdFile } from "../../src/config/index.ts";
import { installId as flagsInstallId } from "../../src/flags/index.ts";

const fresh = () => ({ stateDir: join(mkdtempSync(join(tmpdir(), "keel-install-id-")), "state") });
const noAccount = {};

describe("install id", () => {
  test("made once (a UUID, private to the user), then read back unchanged", () => {
    const paths = fresh();
    const first = installIdentity(paths, noAccount);
    expect(first).toMatchObject({ source: "install", created: true, file: join(paths.stateDir, "install-id") });
    expect(first.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(readFileSync(first.file, "utf8")).toBe(`${first.id}\n`);
    expect(statSync(first.file).mode & 0o777).toBe(0o600);
    expect(installIdentity(paths, noAccount)).toEqual({ ...first, created: false });
    expect(readdirSync(paths.stateDir)).toEqual(["install-id"]); // no temp file left behind
  });

  test("two installs get different ids", () => {
    expect(installIdentity(fresh(), noAccount).id).not.toBe(installIdentity(fresh(), noAccount).id);
  });

  test("KEEL_ACCOUNT_ID wins (the same companion on every machine) and creates no file", () => {
    const paths = fresh();
    expect(installIdentity(paths, { KEEL_ACCOUNT_ID: "  alice@example.com " })).toMatchObject({ id: "alice@example.com", source: "account", created: false });
    expect(() => statSync(installIdFile(paths))).toThrow(/ENOENT/);
    expect(installIdentity(paths, { KEEL_ACCOUNT_ID: "" }).source).toBe("install"); // blank means unset
  });

  test.each([["has spaces"], ["x".repeat(257)], ["tab\there"]])("a malformed KEEL_ACCOUNT_ID (%#) is refused by name", (value) => {
    expect(() => installIdentity(fresh(), { KEEL_ACCOUNT_ID: value })).toThrow(/^KEEL_ACCOUNT_ID must be at most 256 characters/);
  });

  test.each([["", "an empty file"], ["not an id at all\n", "garbage"], ["\u0000\u0001", "binary"]])("a damaged file (%#) is an error naming it, and is left as it was", (content) => {
    const paths = fresh();
    const file = installIdFile(paths);
    installIdentity(paths, noAccount);
    writeFileSync(file, content);
    let err: (Error & { hint?: string }) | undefined;
    try {
      installIdentity(paths, noAccount);
    } catch (e) {
      err = e as Error & { hint?: string };
    }
    expect(err?.message).toBe(`${file} does not hold an install id (expected one line of letters, digits and . _ : @ + -, at most 256)`);
    expect(err?.hint).toMatch(/delete it to get a new id/);
    expect(readFileSync(file, "utf8")).toBe(content);
  });

  test("a state dir that cannot be made is a clear error naming the file", () => {
    const root = mkdtempSync(join(tmpdir(), "keel-install-id-"));
    writeFileSync(join(root, "blocker"), "a file where a directory should be");
    expect(() => installIdentity({ stateDir: join(root, "blocker", "state") }, noAccount)).toThrow(`cannot create ${join(root, "blocker", "state", "install-id")}`);
  });

  test("the flags' GrowthBook id and this are one id, whichever side makes it", () => {
    const a = fresh();
    expect(flagsInstallId(a.stateDir)).toBe(installIdentity(a, noAccount).id);
    const b = fresh();
    const made = installIdentity(b, noAccount).id;
    expect(flagsInstallId(b.stateDir)).toBe(made);
  });

  test("eight processes starting at once agree on one id", async () => {
    const paths = fresh();
    const index = resolve(import.meta.dir, "../../src/config/index.ts");
    const script = `const { installIdentity } = await import(${JSON.stringify(index)}); process.stdout.write(installIdentity({ stateDir: process.argv[1] }, {}).id);`;
    const procs = Array.from({ length: 8 }, () => Bun.spawn([process.execPath, "-e", script, paths.stateDir], { stdout: "pipe", stderr: "pipe" }));
    const ids = await Promise.all(procs.map(async (p) => [await new Response(p.stdout).text(), await new Response(p.stderr).text(), await p.exited]));
    for (const [, err, code] of ids) expect([err, code]).toEqual(["", 0]);
    expect(new Set(ids.map(([id]) => id)).size).toBe(1);
    expect(readFileSync(installIdFile(paths), "utf8")).toBe(`${ids[0]![0]}\n`);
    expect(readdirSync(paths.stateDir)).toEqual(["install-id"]);
  });
});
