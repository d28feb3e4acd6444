// MCP through the compiled binary: `keel -p` in a project whose .mcp.json names
// server-everything (node, spawned by the compiled keel), the fake Anthropic server
// scripting a tool_use of mcp__everything__echo, and the next request carrying the
// echoed text. Also: unapproved servers are skipped and named, a broken one does not stop
// the session, permission rules apply, no server process outlives keel, and `keel mcp list`.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { cleanEnv, freshDir, KEEL_BIN, runKeel } from "../support/binary.ts";
import { type AnthropicServer, createGate, startAnthropicServer, text, toolUse } from "../support/anthropic/index.ts";

const EVERYTHING = resolve(import.meta.dir, "../../node_modules/@modelcontextprotocol/server-everything/dist/index.js");

let server: AnthropicServer;
beforeAll(async () => (server = await startAnthropicServer({ apiKey: "e2e-key" })));
afterAll(() => server.close());
const env = () => ({ ANTHROPIC_API_KEY: "e2e-key", ANTHROPIC_BASE_URL: server.url });

/** A project with .mcp.json naming server-everything; `marker` tags its command line. */
function project(local?: object): { cwd: string; marker: string } {
  const cwd = freshDir("keel-mcp-e2e-");
  const marker = `keel-e2e-${Math.random().toString(36).slice(2)}`;
  mkdirSync(join(cwd, ".git"));
  writeFileSync(join(cwd, ".mcp.json"), JSON.stringify({ mcpServers: { everything: { command: "node", args: [EVERYTHING, "stdio", marker] } } }));
  if (local) {
    mkdirSync(join(cwd, ".keel"));
    writeFileSync(join(cwd, ".keel", "settings.local.json"), JSON.stringify(local));
  }
  return { cwd, marker };
}

function processesWith(marker: string): number[] {
  return readdirSync("/proc").filter((e) => {
    if (!/^\d+$/.test(e)) return false;
    try {
      return readFileSync(`/proc/${e}/cmdline`, "utf8").includes(marker) && !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${e}/stat`, "utf8"));
    } catch {
      return false;
    }
  }).map(Number);
}

const lastUser = (req: { body: any }) => req.body.messages.at(-1);

describe("keel -p with an MCP server", () => {
  test("the model's mcp__everything__echo call reaches the server and its text comes back", async () => {
    server.reset();
    const { cwd, marker } = project({ enabledMcpjsonServers: ["everything"] });
    server.enqueue(toolUse("mcp__everything__echo", { message: "hello through keel" }), text("The server echoed it."));
    const r = await runKeel(["-p", "echo something", "--permission-mode", "bypassPermissions"], { cwd, env: env() });
    expect(r.stderr).toBe("");
    expect(r.exitCode).toBe(0);
    expect(r.stdout.trim()).toBe("The server echoed it.");

    const names: string[] = server.requests[0]?.body.tools.map((t: { name: string }) => t.name);
    const echo = server.requests[0]?.body.tools.find((t: { name: string }) => t.name === "mcp__everything__echo");
    expect(echo.description).toBe("Echoes back the input string");
    expect(echo.input_schema).toMatchObject({ type: "object", properties: { message: { type: "string" } }, required: ["message"] });
    // Beside the built-ins and Task, in the prompt's stable (sorted) tool order.
    expect(names).toContain("Task");
    expect(names).toContain("Bash");
    expect(names.filter((n) => n.startsWith("mcp__everything__")).length).toBeGreaterThan(5);
    expect(names).toEqual([...names].sort());

    const result = lastUser(server.requests[1] as { body: any }).content.find((b: { type: string }) => b.type === "tool_result");
    expect(result.is_error).toBeUndefined();
    expect(JSON.stringify(result.content)).toContain("Echo: hello through keel");
    expect(processesWith(marker)).toEqual([]);
  }, 30_000);

  test("an allow rule on the whole server lets it run in default mode; without one, headless denies", async () => {
    server.reset();
    const allowed = project({ enabledMcpjsonServers: ["everything"], permissions: { allow: ["mcp__everything"] } });
    server.enqueue(toolUse("mcp__everything__echo", { message: "allowed" }), text("ok"));
    expect((await runKeel(["-p", "go"], { cwd: allowed.cwd, env: env() })).exitCode).toBe(0);
    expect(JSON.stringify(lastUser(server.requests[1] as { body: any }).content)).toContain("Echo: allowed");

    server.reset();
    const asked = project({ enabledMcpjsonServers: ["everything"] });
    server.enqueue(toolUse("mcp__everything__echo", { message: "not allowed" }), text("ok"));
    expect((await runKeel(["-p", "go"], { cwd: asked.cwd, env: env() })).exitCode).toBe(0);
    const result = lastUser(server.requests[1] as { body: any }).content.find((b: { type: string }) => b.type === "tool_result");
    expect(result.is_error).toBe(true);
    expect(JSON.stringify(result.content)).toContain("Permission to use mcp__everything__echo was denied");
  }, 30_000);

  test("--allowed-tools mcp__everything__echo allows that tool; --disallowed-tools mcp__everything removes the server's tools", async () => {
    server.reset();
    const { cwd } = project({ enabledMcpjsonServers: ["everything"] });
    server.enqueue(toolUse("mcp__everything__echo", { message: "by flag" }), text("ok"));
    expect((await runKeel(["-p", "go", "--allowed-tools", "mcp__everything__echo"], { cwd, env: env() })).exitCode).toBe(0);
    expect(JSON.stringify(lastUser(server.requests[1] as { body: any }).content)).toContain("Echo: by flag");

    server.reset();
    server.enqueue(text("ok"));
    expect((await runKeel(["-p", "go", "--disallowed-tools", "mcp__everything"], { cwd, env: env() })).exitCode).toBe(0);
    const names: string[] = server.requests[0]?.body.tools.map((t: { name: string }) => t.name);
    expect(names).toContain("Bash");
    expect(names.some((n) => n.startsWith("mcp__everything__"))).toBe(false);
  }, 30_000);

  test("an unapproved .mcp.json server is not started, and the warning says how to enable it", async () => {
    server.reset();
    const { cwd, marker } = project();
    server.enqueue(text("no tools from it"));
    const r = await runKeel(["-p", "hi"], { cwd, env: env() });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain(`warning: MCP server "everything" (${cwd}/.mcp.json) not started: a project server needs approval: add "everything" to enabledMcpjsonServers`);
    expect(server.requests[0]?.body.tools.some((t: { name: string }) => t.name.startsWith("mcp__"))).toBe(false);
    expect(processesWith(marker)).toEqual([]);
  }, 30_000);

  test("a server that cannot start is named; the session goes on with the others", async () => {
    server.reset();
    const { cwd } = project({ enabledMcpjsonServers: ["everything"], mcpServers: { broken: { command: "keel-no-such-mcp-server" } } });
    server.enqueue(text("still here"));
    const r = await runKeel(["-p", "hi"], { cwd, env: env() });
    expect(r.exitCode).toBe(0);
    expect(r.stdout.trim()).toBe("still here");
    expect(r.stderr).toContain('MCP server "broken"');
    expect(r.stderr).toContain('command "keel-no-such-mcp-server" was not found');
    expect(server.requests[0]?.body.tools.some((t: { name: string }) => t.name === "mcp__everything__echo")).toBe(true);
  }, 30_000);
});

test("a keel killed mid-session leaves no server behind (the server sees its stdin close)", async () => {
  server.reset();
  const { cwd, marker } = project({ enabledMcpjsonServers: ["everything"] });
  const gate = createGate();
  server.enqueue(text("never sent", { startHold: gate }));
  const proc = Bun.spawn([KEEL_BIN, "-p", "hi"], { cwd, env: cleanEnv({ KEEL_HOME: freshDir("keel-home-"), NO_COLOR: "1", ...env() }), stdout: "ignore", stderr: "ignore" });
  await server.waitForRequests(1); // servers are up before the first turn
  expect(processesWith(marker).length).toBe(1);
  proc.kill("SIGKILL");
  await proc.exited;
  for (let i = 0; i < 500 && processesWith(marker).length; i++) await Bun.sleep(10);
  expect(processesWith(marker)).toEqual([]);
  gate.open();
}, 30_000);

test("a plugin's .mcp.json server (--plugin-dir) is listed and serves the session, ${CLAUDE_PLUGIN_ROOT} expanded", async () => {
  const plugin = freshDir("keel-mcp-plugin-");
  mkdirSync(join(plugin, ".claude-plugin"));
  writeFileSync(join(plugin, ".claude-plugin", "plugin.json"), JSON.stringify({ name: "demo-mcp" }));
  writeFileSync(join(plugin, ".mcp.json"), JSON.stringify({ mcpServers: { ev: { command: "node", args: [EVERYTHING], env: { DATA_DIR: "${CLAUDE_PLUGIN_ROOT}/data" } } } }));
  const { cwd } = project();
  const listed = await runKeel(["--plugin-dir", plugin, "mcp", "list", "--json"], { cwd });
  const entry = JSON.parse(listed.stdout).servers.find((x: { source: string }) => x.source.includes("demo-mcp"));
  expect(entry?.status).toBe("connected");
  const getEnv = entry.tools.map((t: { name: string }) => t.name).find((n: string) => n.endsWith("__get-env"));
  expect(getEnv).toMatch(/^mcp__.*demo-mcp.*__get-env$/);

  server.reset();
  server.enqueue(toolUse(getEnv, {}), text("ok"));
  const r = await runKeel(["-p", "env?", "--plugin-dir", plugin, "--allowed-tools", getEnv], { cwd, env: env() });
  expect(r.exitCode).toBe(0);
  const result = lastUser(server.requests[1] as { body: any }).content.find((b: { type: string }) => b.type === "tool_result");
  expect(result.is_error).toBeUndefined();
  expect(JSON.stringify(result.content)).toContain(`${plugin}/data`);
}, 30_000);

describe("keel mcp list", () => {
  test("--json: each server's source, status and tools; skipped servers with the reason", async () => {
    const { cwd } = project({ mcpServers: { broken: { command: "keel-no-such-mcp-server" } } });
    const r = await runKeel(["mcp", "list", "--json"], { cwd });
    expect(r.exitCode).toBe(1); // a configured server failed
    const out = JSON.parse(r.stdout);
    expect(out.servers).toEqual([
      { name: "broken", source: `${cwd}/.keel/settings.local.json`, transport: "stdio", status: "failed", error: expect.stringContaining("was not found"), toolCount: 0, tools: [] },
    ]);
    expect(out.skipped).toEqual([{ name: "everything", source: `${cwd}/.mcp.json`, kind: "unapproved", reason: expect.stringContaining("enabledMcpjsonServers") }]);
  }, 30_000);

  test("text: an approved server with its tools", async () => {
    const { cwd } = project({ enableAllProjectMcpServers: true });
    const r = await runKeel(["mcp", "list"], { cwd });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^everything {2}stdio {2}connected {2}\d+ tools {2}— .*\.mcp\.json$/m);
    expect(r.stdout).toContain("  mcp__everything__echo  Echoes back the input string");
    expect(r.stdout).not.toContain("\x1b["); // NO_COLOR
  }, 30_000);
});
