// ${VAR} and ${VAR:-default} as Claude Code expands .mcp.json, checked as a table and
// then through a real server: get-env of server-everything shows what its child received.
import { describe, expect, setDefaultTimeout, test } from "bun:test";
import { connectMcpServers, expandConfig, expandString, type Tool } from "./face.ts";
import { ctx, EVERYTHING, textOf } from "./servers.ts";

// Real node servers start slowly on a busy 2-core machine; these are not timing tests.
setDefaultTimeout(30_000);

describe("expandString", () => {
  const env = { HOME: "/home/u", EMPTY: "", TOKEN: "t0k" };
  test.each([
    ["${HOME}/x", "/home/u/x"],
    ["${MISSING:-fallback}", "fallback"],
    ["${HOME:-fallback}", "/home/u"],
    ["${EMPTY:-dflt}", "dflt"],
    ["${EMPTY}", ""],
    ["Bearer ${TOKEN}", "Bearer t0k"],
    ["$HOME and $" + "{not a var}", "$HOME and ${not a var}"],
    ["${MISSING:-}", ""],
  ])("%s → %s", (input, out) => {
    const missing: string[] = [];
    expect(expandString(input, env, "f", missing)).toBe(out);
    expect(missing).toEqual([]);
  });

  test("an unset variable without a default is reported with its field", () => {
    const r = expandConfig({ command: "srv", args: ["--key", "${API_KEY}"], env: { A: "${OTHER}" } }, {});
    expect(r.missing).toEqual(["API_KEY (in args[1])", "OTHER (in env.A)"]);
  });

  test("url and headers of an http server expand", () => {
    const r = expandConfig({ type: "http", url: "${BASE:-http://127.0.0.1:9}/mcp", headers: { Authorization: "Bearer ${TOKEN}" } }, { TOKEN: "abc" });
    expect(r).toEqual({ config: { type: "http", url: "http://127.0.0.1:9/mcp", headers: { Authorization: "Bearer abc" } }, missing: [] });
  });
});

describe("expansion reaches the server", () => {
  test("command, args and env are expanded; our env is inherited minus BUN_BE_BUN", async () => {
    const env = { ...process.env, KEEL_T_NODE: "node", KEEL_T_JS: EVERYTHING, KEEL_T_SECRET: "s3cret", BUN_BE_BUN: "1", KEEL_T_INHERITED: "yes" };
    const conn = await connectMcpServers(
      [{ name: "ev", source: "test", config: { command: "${KEEL_T_NODE}", args: ["${KEEL_T_JS}", "${KEEL_T_MODE:-stdio}"], env: { TOKEN: "${KEEL_T_SECRET}", PLAIN: "p" } } }],
      { env },
    );
    expect(conn.servers[0]?.status).toBe("connected");
    const getEnv = conn.tools.find((t) => t.name === "mcp__ev__get-env") as Tool;
    const seen = JSON.parse(textOf((await getEnv.run({}, ctx())).forModel));
    await conn.close();
    expect(seen.TOKEN).toBe("s3cret");
    expect(seen.PLAIN).toBe("p");
    expect(seen.KEEL_T_INHERITED).toBe("yes");
    expect(seen.BUN_BE_BUN).toBeUndefined();
  });

  test("a plugin server sees CLAUDE_PLUGIN_ROOT, expanded and in its environment", async () => {
    const conn = await connectMcpServers([
      { name: "plug", source: "plugin demo", pluginRoot: "/tmp", config: { command: "node", args: [EVERYTHING], env: { WHERE: "${CLAUDE_PLUGIN_ROOT}/data" } } },
    ]);
    const getEnv = conn.tools.find((t) => t.name === "mcp__plug__get-env") as Tool;
    const seen = JSON.parse(textOf((await getEnv.run({}, ctx())).forModel));
    await conn.close();
    expect(seen.WHERE).toBe("/tmp/data");
    expect(seen.CLAUDE_PLUGIN_ROOT).toBe("/tmp");
  });

  test("a missing variable fails that server by name, before anything is spawned", async () => {
    const notices: string[] = [];
    const conn = await connectMcpServers([{ name: "needs-key", source: "/p/.mcp.json", config: { command: "node", args: [EVERYTHING], env: { KEY: "${KEEL_T_UNSET_KEY}" } } }], {
      env: {},
      notify: (l) => notices.push(l),
    });
    expect(conn.servers[0]).toMatchObject({ status: "failed", error: expect.stringContaining("KEEL_T_UNSET_KEY (in env.KEY) is not set") });
    expect(notices[0]).toContain('MCP server "needs-key" (/p/.mcp.json) did not start');
  });
});
