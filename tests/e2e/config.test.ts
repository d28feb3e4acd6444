// Settings through dist/keel: a bad file is named (file and field) and skipped while
// keel still runs with the other layers; edits round-trip; refused edits write nothing.
import { describe, expect, test } from "bun:test";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { freshDir, runKeel } from "../support/binary.ts";

function project(): { cwd: string; home: string } {
  const cwd = freshDir("keel-proj-");
  mkdirSync(join(cwd, ".git"));
  return { cwd, home: freshDir("keel-home-") };
}

describe("keel config", () => {
  test("a bad project settings file: named in a warning, byte-identical after, user layer still applies", async () => {
    const { cwd, home } = project();
    mkdirSync(join(cwd, ".keel"));
    const bad = join(cwd, ".keel", "settings.json");
    const text = '{ "permissions": { "defaultMode": "yolo" }, "smallModel": "p-small" }';
    writeFileSync(bad, text);
    writeFileSync(join(home, "settings.json"), JSON.stringify({ model: "user-model" }));
    const r = await runKeel(["config", "get", "model", "--json"], { cwd, home });
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ key: "model", value: "user-model", source: "user" });
    expect(r.stderr).toContain(`warning: ${bad}: permissions.defaultMode: Invalid option: expected one of`);
    expect(readFileSync(bad, "utf8")).toBe(text);
    const small = await runKeel(["config", "get", "smallModel"], { cwd, home });
    expect(small.stdout.trim()).toBe("p-small");
  });

  test("set --scope project then get and list show it with its layer", async () => {
    const { cwd, home } = project();
    const set = await runKeel(["config", "set", "permissions.defaultMode", "acceptEdits", "--scope", "project"], { cwd, home });
    expect(set.exitCode).toBe(0);
    expect(JSON.parse(readFileSync(join(cwd, ".keel", "settings.json"), "utf8"))).toEqual({ permissions: { defaultMode: "acceptEdits" } });
    const list = JSON.parse((await runKeel(["config", "list", "--json"], { cwd, home })).stdout);
    expect(list.settings).toContainEqual({ key: "permissions.defaultMode", value: "acceptEdits", source: "project" });
  });

  test("an invalid value is refused with the field and what was expected; nothing is written", async () => {
    const { cwd, home } = project();
    const r = await runKeel(["config", "set", "compaction.threshold", "1.5"], { cwd, home });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/compaction\.threshold: .*<1.*Nothing was written/);
    expect(r.stderr).not.toContain("    at ");
    const list = await runKeel(["config", "list", "--json"], { cwd, home });
    expect(JSON.parse(list.stdout).layers.find((l: { name: string }) => l.name === "user").exists).toBe(false);
  });
});

describe("keel doctor", () => {
  test("--json reports the endpoint from ANTHROPIC_BASE_URL and whether a key is set, never the key", async () => {
    const { cwd, home } = project();
    const without = JSON.parse((await runKeel(["doctor", "--json"], { cwd, home, env: { ANTHROPIC_BASE_URL: "http://127.0.0.1:9/" } })).stdout);
    const model = without.checks.find((c: { id: string }) => c.id === "model");
    expect(model.data).toMatchObject({ endpoint: "http://127.0.0.1:9/", endpointSource: "ANTHROPIC_BASE_URL", keySet: false });
    expect(model.status).toBe("warn");
    const withKey = await runKeel(["doctor", "--json"], { cwd, home, env: { ANTHROPIC_API_KEY: "sk-secret-value" } });
    expect(withKey.exitCode).toBe(0);
    expect(withKey.stdout).not.toContain("sk-secret-value");
    const out = JSON.parse(withKey.stdout);
    expect(out.checks.find((c: { id: string }) => c.id === "model").data.keySet).toBe(true);
    expect(out.checks.map((c: { id: string }) => c.id)).toEqual(["version", "paths", "settings", "model", "registry", "plugins", "flags", "sandbox"]);
    expect(out.checks.find((c: { id: string }) => c.id === "paths").data.config).toBe(home);
  });

  test("a bad settings file turns the settings check into a warning that names it", async () => {
    const { cwd, home } = project();
    writeFileSync(join(home, "settings.json"), "{ nope");
    const r = await runKeel(["doctor"], { cwd, home });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/warn\s+settings\s+1 problem/);
    expect(r.stdout).toContain(`${join(home, "settings.json")}: invalid JSON at line 1, column 3`);
  });
});
