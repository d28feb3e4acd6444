// `keel flags` through the compiled binary: listing, a saved override read back,
// KEEL_FLAGS and --flag taking precedence, and clear errors that change nothing.
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { freshDir, runKeel } from "../support/binary.ts";

interface Listed {
  flags: Array<{ key: string; value: unknown; source: string; description: string; rule: string | null }>;
  remote: unknown;
}

describe("keel flags", () => {
  test("--json lists every flag with value, source and description", async () => {
    const r = await runKeel(["flags", "--json"]);
    expect(r.exitCode).toBe(0);
    const out = JSON.parse(r.stdout) as Listed;
    expect(out.flags.map((f) => f.key)).toContain("harbor");
    expect(out.flags.length).toBeGreaterThanOrEqual(13);
    for (const f of out.flags) {
      // harbor (the marketplace) is released; every other module is dark.
      expect(f).toMatchObject({ value: f.key === "harbor", source: "default", rule: null });
      expect(f.description.length).toBeGreaterThan(10);
    }
    expect(out.remote).toBeNull();
  });

  test("set buddy true, then get reads it back from the user file", async () => {
    const home = freshDir("keel-home-");
    const set = await runKeel(["flags", "set", "buddy", "true"], { home });
    expect(set.exitCode).toBe(0);
    const file = /saved in (.+)\)/.exec(set.stdout)?.[1] as string;
    expect(file.startsWith(home)).toBe(true);
    const before = readFileSync(file, "utf8");
    const get = await runKeel(["flags", "get", "buddy", "--json"], { home });
    expect(JSON.parse(get.stdout)).toMatchObject({ key: "buddy", value: true, source: "user" });

    const bad = await runKeel(["flags", "set", "buddy", "maybe"], { home });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('buddy must be a boolean, got string "maybe"');
    const typo = await runKeel(["flags", "set", "budy", "false"], { home });
    expect(typo.stderr).toContain("did you mean buddy");
    expect(readFileSync(file, "utf8")).toBe(before);
    expect(JSON.parse(before)).toEqual({ buddy: true });
  });

  test("KEEL_FLAGS beats the user file, --flag beats KEEL_FLAGS; explain says so", async () => {
    const home = freshDir("keel-home-");
    await runKeel(["flags", "set", "kairos", "true"], { home });
    const env = { KEEL_FLAGS: "kairos=false" };
    expect((await runKeel(["flags", "get", "kairos"], { home, env })).stdout.trim()).toBe("false");
    expect((await runKeel(["--flag", "kairos=true", "flags", "get", "kairos"], { home, env })).stdout.trim()).toBe("true");
    const why = await runKeel(["flags", "explain", "kairos", "--json"], { home, env });
    const trail = (JSON.parse(why.stdout) as { trail: Array<{ source: string; said: { value: unknown } | null; won: boolean }> }).trail;
    expect(trail.map((t) => [t.source, t.said?.value ?? null, t.won])).toEqual([
      ["flag", null, false],
      ["env", false, true],
      ["user", true, false],
      ["default", false, false],
    ]);
  });

  test("a bad --flag is one clear line naming it, even before any command runs", async () => {
    const r = await runKeel(["--flag", "kairoz=true", "--help"]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('unknown flag "kairoz" in --flag');
    expect(r.stderr).toContain("did you mean kairos");
    expect(r.stderr).not.toContain("    at ");
  });
});
