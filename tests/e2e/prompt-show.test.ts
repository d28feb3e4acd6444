// `keel prompt show` through the compiled binary: memory files land in the dynamic half,
// the boundary and each section's metadata are shown, and bad options fail cleanly.
import { describe, expect, test } from "bun:test";
import { mkdirSync, realpathSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { freshDir, runKeel } from "../support/binary.ts";

interface ShowJson {
  cacheTtl: string;
  boundary: { systemIndex: number; staticTokens: number; dynamicTokens: number };
  sections: Array<{ id: string; label?: string; source: string; priority: string; kind: string; tokens: number; text: string }>;
  system: Array<{ text: string; cache_control?: { type: string; ttl?: string } }>;
  breakpoints: { total: number };
}

describe("keel prompt show", () => {
  test("--json: a project's CLAUDE.md and the user's KEEL.md are in the dynamic half", async () => {
    const project = realpathSync(freshDir("keel-proj-"));
    mkdirSync(join(project, ".git"));
    writeFileSync(join(project, "CLAUDE.md"), "Always run `just test` before saying you are done.");
    const sub = join(project, "src");
    mkdirSync(sub);
    const home = realpathSync(freshDir("keel-home-"));
    writeFileSync(join(home, "KEEL.md"), "Answer in lowercase.");

    const r = await runKeel(["prompt", "show", "--json", "--ttl", "1h"], { cwd: sub, home });
    expect(r.stderr).toBe("");
    expect(r.exitCode).toBe(0);
    const out = JSON.parse(r.stdout) as ShowJson;

    const claude = out.sections.find((s) => s.label === join(project, "CLAUDE.md"));
    expect(claude).toMatchObject({ source: "memory", kind: "dynamic", priority: "high" });
    expect(claude?.tokens).toBeGreaterThan(0);
    const user = out.sections.find((s) => s.label === join(home, "KEEL.md"));
    expect(user).toMatchObject({ source: "memory", kind: "dynamic" });

    expect(out.boundary.systemIndex).toBe(1);
    expect(out.system[0]?.cache_control).toEqual({ type: "ephemeral", ttl: "1h" });
    expect(out.system[0]?.text).not.toContain("just test");
    expect(out.system[0]?.text).not.toContain(project);
    expect(out.system[1]?.cache_control).toBeUndefined();
    expect(out.system[1]?.text).toContain("Always run `just test`");
    expect(out.system[1]?.text).toContain(`Working directory: ${sub}`);
    for (const s of out.sections) expect(["core", "tool", "plugin", "memory", "environment", "attachment"]).toContain(s.source);
  });

  test("human output marks the boundary; a bad --ttl is one clear line", async () => {
    const r = await runKeel(["prompt", "show"]);
    expect(r.exitCode).toBe(0);
    const boundary = r.stdout.indexOf("══ boundary ══");
    expect(boundary).toBeGreaterThan(r.stdout.indexOf("[core.identity]"));
    expect(r.stdout.indexOf("[environment]")).toBeGreaterThan(boundary);

    const bad = await runKeel(["prompt", "show", "--ttl", "2h"]);
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr.trim()).toBe('error: --ttl: expected 5m or 1h, got "2h"');
    expect(bad.stdout).toBe("");
  });
});
