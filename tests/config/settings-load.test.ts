// Layering and errors: each bad file or field is named and skipped; the rest applies.
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { formatProblem, loadSettings } from "../../src/config/index.ts";
import { sandbox } from "./helpers.ts";

const load = (s: ReturnType<typeof sandbox>, cliSettings?: string) =>
  loadSettings({ cwd: s.project, env: s.env, ...(cliSettings !== undefined ? { cliSettings } : {}) });

describe("loadSettings: precedence", () => {
  test("managed > cli > local > project > user, per field", async () => {
    const s = sandbox();
    s.write("user", { model: "u", smallModel: "u-small", registry: "u-reg", apiBaseUrl: "http://u.test", fallbackModel: "u-fb" });
    s.write("project", { model: "p", smallModel: "p-small", registry: "p-reg", apiBaseUrl: "http://p.test" });
    s.write("local", { model: "l", smallModel: "l-small", registry: "l-reg" });
    s.write("managed", { model: "m" });
    const l = await load(s, JSON.stringify({ model: "c", smallModel: "c-small" }));
    expect(l.settings).toMatchObject({ model: "m", smallModel: "c-small", registry: "l-reg", apiBaseUrl: "http://p.test", fallbackModel: "u-fb" });
    expect(["model", "smallModel", "registry", "apiBaseUrl", "fallbackModel"].map((k) => l.sourceOf(k))).toEqual(["managed", "cli", "local", "project", "user"]);
    expect(l.problems).toEqual([]);
  });

  test("objects merge deeply; permission lists accumulate, each rule knowing its layer", async () => {
    const s = sandbox();
    s.write("user", { permissions: { allow: ["Bash(git status:*)"], defaultMode: "default" }, sandbox: { network: false } });
    s.write("project", { permissions: { allow: ["Edit(src/**)"], deny: ["Read(~/.ssh/**)"], defaultMode: "acceptEdits" }, sandbox: { enabled: true } });
    const l = await load(s);
    expect(l.settings.permissions).toEqual({ allow: ["Edit(src/**)", "Bash(git status:*)"], deny: ["Read(~/.ssh/**)"], defaultMode: "acceptEdits" });
    expect(l.settings.sandbox).toEqual({ enabled: true, network: false });
    expect(l.permissionRules.map((r) => [r.rule, r.behavior, r.layer])).toEqual([
      ["Read(~/.ssh/**)", "deny", "project"],
      ["Edit(src/**)", "allow", "project"],
      ["Bash(git status:*)", "allow", "user"],
    ]);
  });

  test("--settings takes a file path relative to cwd", async () => {
    const s = sandbox();
    s.write("proj/extra.json", { model: "from-file" });
    expect((await load(s, "extra.json")).settings.model).toBe("from-file");
  });
});

describe("loadSettings: bad input is named and skipped, nothing else is lost", () => {
  test.each([
    ["broken JSON names line and column", '{\n  "model": "x",\n  "smallModel" "y"\n}', /settings\.json: invalid JSON at line 3, column 16: expected ':'/],
    ["an empty file", "   ", /settings\.json: the file is empty; expected a JSON object/],
    ["a non-object", "[1,2]", /settings\.json: expected a JSON object at the top level/],
  ])("%s", async (_name, text, pattern) => {
    const s = sandbox();
    const file = s.write("project", text);
    s.write("user", { model: "still-here" });
    const l = await load(s);
    expect(l.problems.map(formatProblem).join("\n")).toMatch(pattern);
    expect(l.settings.model).toBe("still-here");
    expect(readFileSync(file, "utf8")).toBe(text);
  });

  test("a bad field names file, field and what was expected; its siblings still apply", async () => {
    const s = sandbox();
    const file = s.write("project", { model: "ok-model", permissions: { defaultMode: "yolo" }, compaction: { threshold: 2 } });
    const l = await load(s);
    const text = l.problems.map(formatProblem);
    expect(text).toContainEqual(expect.stringMatching(new RegExp(`^${file}: permissions\\.defaultMode: .*"default".*"acceptEdits".*"plan".*"bypassPermissions"`)));
    expect(text).toContainEqual(expect.stringMatching(/compaction\.threshold: .*<1/));
    expect(l.settings.model).toBe("ok-model");
    expect(l.settings.permissions).toBeUndefined();
  });

  test("unknown keys are warnings and stay out of the effective settings", async () => {
    const s = sandbox();
    s.write("user", { model: "m", includeCoAuthoredBy: false });
    const l = await load(s);
    expect(l.problems).toEqual([expect.objectContaining({ severity: "warning", field: "includeCoAuthoredBy", message: "unknown setting, ignored" })]);
    expect(l.settings).toEqual({ model: "m" });
  });

  test("a --settings file that does not exist is an error, not silence", async () => {
    const s = sandbox();
    const l = await load(s, "missing.json");
    expect(l.problems.map(formatProblem)).toEqual([expect.stringMatching(/missing\.json: no such file/)]);
  });

  test("a Claude Code settings.json with hooks and mcpServers loads", async () => {
    const s = sandbox();
    s.write("project", {
      permissions: { allow: ["Bash(npm run lint)"], deny: ["Read(./.env)"] },
      hooks: { PreToolUse: [{ matcher: "Bash", hooks: [{ type: "command", command: "echo hi", timeout: 5 }] }] },
      mcpServers: { fs: { command: "npx", args: ["-y", "server"] }, web: { type: "http", url: "https://mcp.example/x" } },
      env: { FOO: "1" },
    });
    const l = await load(s);
    expect(l.problems).toEqual([]);
    expect(Object.keys(l.settings.mcpServers ?? {})).toEqual(["fs", "web"]);
  });
});
