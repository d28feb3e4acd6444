// Which servers a session starts: every settings layer's mcpServers and the project's
// .mcp.json, read from real files. The project's own servers wait for approval from a
// layer the repository does not control; what is skipped says why and how to enable it.
import { describe, expect, test } from "bun:test";
import { loadSettings } from "../../src/config/index.ts";
import { sandbox } from "../config/helpers.ts";
import { mcpServersFrom } from "./face.ts";

const everything = { command: "node", args: ["server.js"] };

async function sources(setup: (s: ReturnType<typeof sandbox>) => void, cliSettings?: string) {
  const s = sandbox();
  setup(s);
  const loaded = await loadSettings({ cwd: s.project, env: s.env, ...(cliSettings ? { cliSettings } : {}) });
  return { s, loaded, ...mcpServersFrom(loaded, s.project) };
}

describe("mcpServersFrom", () => {
  test(".mcp.json servers are skipped until approved, and the skip says how to approve", async () => {
    const r = await sources((s) => s.write("proj/.mcp.json", { mcpServers: { everything } }));
    expect(r.specs).toEqual([]);
    expect(r.skipped).toHaveLength(1);
    expect(r.skipped[0]).toMatchObject({ name: "everything", kind: "unapproved", source: `${r.s.project}/.mcp.json` });
    expect(r.skipped[0]?.reason).toContain('add "everything" to enabledMcpjsonServers');
    expect(r.skipped[0]?.reason).toContain("enableAllProjectMcpServers");
    expect(r.problems).toEqual([]);
  });

  test("enabledMcpjsonServers in settings.local.json approves named servers only", async () => {
    const r = await sources((s) => {
      s.write("proj/.mcp.json", { mcpServers: { a: everything, b: everything } });
      s.write("local", { enabledMcpjsonServers: ["a"] });
    });
    expect(r.specs.map((x) => x.name)).toEqual(["a"]);
    expect(r.specs[0]).toEqual({ name: "a", config: everything, source: `${r.s.project}/.mcp.json` });
    expect(r.skipped.map((x) => [x.name, x.kind])).toEqual([["b", "unapproved"]]);
  });

  test("enableAllProjectMcpServers in user settings approves all; disabledMcpjsonServers still wins", async () => {
    const r = await sources((s) => {
      s.write("proj/.mcp.json", { mcpServers: { a: everything, b: everything } });
      s.write("user", { enableAllProjectMcpServers: true });
      s.write("local", { disabledMcpjsonServers: ["b"] });
    });
    expect(r.specs.map((x) => x.name)).toEqual(["a"]);
    expect(r.skipped).toEqual([{ name: "b", source: `${r.s.project}/.mcp.json`, kind: "disabled", reason: `disabled by disabledMcpjsonServers in ${r.s.project}/.keel/settings.local.json` }]);
  });

  test("the project's own settings cannot approve the project's servers, and saying so is a problem", async () => {
    const r = await sources((s) => {
      s.write("proj/.mcp.json", { mcpServers: { a: everything } });
      s.write("project", { enableAllProjectMcpServers: true, mcpServers: { p: everything } });
    });
    expect(r.specs).toEqual([]);
    expect(r.skipped.map((x) => [x.name, x.kind])).toEqual([
      ["p", "unapproved"],
      ["a", "unapproved"],
    ]);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toContain(`${r.s.project}/.keel/settings.json: enableAllProjectMcpServers / enabledMcpjsonServers ignored`);
  });

  test("servers in user, --settings and managed layers start without approval, highest layer first", async () => {
    const r = await sources(
      (s) => {
        s.write("user", { mcpServers: { u: everything, shared: { command: "from-user" } } });
        s.write("managed", { mcpServers: { m: everything } });
        s.write("local", { mcpServers: { shared: { command: "from-local" } } });
      },
      JSON.stringify({ mcpServers: { c: { type: "http", url: "http://127.0.0.1:1/mcp" } } }),
    );
    expect(r.specs.map((x) => [x.name, x.source.split("/").pop()])).toEqual([
      ["m", "managed.json"],
      ["c", "--settings (inline JSON)"],
      ["shared", "settings.local.json"],
      ["u", "settings.json"],
    ]);
    expect(r.specs.find((x) => x.name === "shared")?.config).toEqual({ command: "from-local" });
    expect(r.skipped).toEqual([{ name: "shared", source: `${r.s.home}/settings.json`, kind: "overridden", reason: `overridden by the server of the same name in ${r.s.project}/.keel/settings.local.json` }]);
  });

  test("an approved .mcp.json server stands between project settings and user settings", async () => {
    const r = await sources((s) => {
      s.write("proj/.mcp.json", { mcpServers: { x: { command: "from-mcp-json" } } });
      s.write("user", { enabledMcpjsonServers: ["x"], mcpServers: { x: { command: "from-user" } } });
    });
    expect(r.specs.map((x) => x.config)).toEqual([{ command: "from-mcp-json" }]);
    expect(r.skipped[0]?.kind).toBe("overridden");
  });

  test("an unapproved project server does not hide a user server of the same name", async () => {
    const r = await sources((s) => {
      s.write("proj/.mcp.json", { mcpServers: { x: { command: "from-mcp-json" } } });
      s.write("user", { mcpServers: { x: { command: "from-user" } } });
    });
    expect(r.specs.map((x) => x.config)).toEqual([{ command: "from-user" }]);
  });

  test("a .mcp.json that is not JSON is named as a problem; settings servers still start", async () => {
    const r = await sources((s) => {
      s.write("proj/.mcp.json", '{ "mcpServers": { "a": ');
      s.write("user", { enableAllProjectMcpServers: true, mcpServers: { u: everything } });
    });
    expect(r.specs.map((x) => x.name)).toEqual(["u"]);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toStartWith(`${r.s.project}/.mcp.json: invalid JSON`);
  });

  test("a .mcp.json of the wrong shape, and a bad entry in it, name the file and the field", async () => {
    const shape = await sources((s) => s.write("proj/.mcp.json", { mcpServers: ["a"] }));
    expect(shape.problems[0]).toContain('.mcp.json: expected { "mcpServers": { "<name>": { … } } }');
    const entry = await sources((s) => {
      s.write("proj/.mcp.json", { mcpServers: { good: everything, bad: { type: "http" }, worse: { args: ["x"] } } });
      s.write("local", { enableAllProjectMcpServers: true });
    });
    expect(entry.specs.map((x) => x.name)).toEqual(["good"]);
    expect(entry.problems).toEqual([
      expect.stringContaining(".mcp.json: mcpServers.bad: url: "),
      expect.stringContaining(".mcp.json: mcpServers.worse: command: "),
    ]);
    expect(entry.problems.every((p) => p.endsWith("this server is not started"))).toBe(true);
  });

  test("a settings mcpServers entry may hold ${VAR} in its url (expanded at start)", async () => {
    const r = await sources((s) => s.write("user", { mcpServers: { web: { type: "http", url: "${MCP_BASE}/mcp", headers: { Authorization: "Bearer ${T}" } } } }));
    expect(r.loaded.problems).toEqual([]);
    expect(r.specs[0]?.config).toEqual({ type: "http", url: "${MCP_BASE}/mcp", headers: { Authorization: "Bearer ${T}" } });
  });

  test("the approval keys are validated like any setting", async () => {
    const r = await sources((s) => s.write("user", { enableAllProjectMcpServers: "yes", enabledMcpjsonServers: "a" }));
    expect(r.loaded.problems.map((p) => p.field).sort()).toEqual(["enableAllProjectMcpServers", "enabledMcpjsonServers"]);
  });
});
