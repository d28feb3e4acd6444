// openSessionMcp, what a front end calls: settings servers and plugin servers together,
// the problems and unapproved servers said once through notify, one connection to close.
import { expect, setDefaultTimeout, test } from "bun:test";
import { loadSettings } from "../../src/config/index.ts";
import { sandbox } from "../config/helpers.ts";
import { openSessionMcp } from "./face.ts";
import { everything } from "./servers.ts";

setDefaultTimeout(30_000);

test("settings servers start, plugin servers follow, name clashes and unapproved servers are said", async () => {
  const s = sandbox();
  s.write("proj/.mcp.json", { mcpServers: { repo: { command: "node" }, bad: { type: "http" } } });
  s.write("user", { mcpServers: { everything: everything().config }, enabledMcpjsonServers: ["bad"] });
  const loaded = await loadSettings({ cwd: s.project, env: s.env });
  const notices: string[] = [];
  const conn = await openSessionMcp(loaded, s.project, {
    notify: (l) => notices.push(l),
    extra: [
      { ...everything("everything"), source: "plugin clash" },
      { ...everything("plugin_demo_tools"), source: "plugin demo", pluginRoot: s.project },
    ],
  });
  await conn.close();
  expect(conn.servers.map((x) => [x.name, x.source, x.status])).toEqual([
    ["everything", `${s.home}/settings.json`, "connected"],
    ["plugin_demo_tools", "plugin demo", "connected"],
  ]);
  expect(conn.tools.some((t) => t.name === "mcp__plugin_demo_tools__echo")).toBe(true);
  expect(notices).toEqual([
    expect.stringContaining(`${s.project}/.mcp.json: mcpServers.bad: url:`),
    expect.stringContaining(`MCP server "repo" (${s.project}/.mcp.json) not started: a project server needs approval`),
    'MCP server "everything" (plugin clash) not started: a server of that name is already configured',
  ]);
});
