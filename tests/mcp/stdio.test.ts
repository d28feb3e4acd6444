// MCP over stdio against @modelcontextprotocol/server-everything from npm: tools listed
// and namespaced with the server's own schema, text / image / error results, a server
// that cannot start, one killed mid-session, one that never answers, and no child left
// behind after close().
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import { connectMcpServers, type McpConnection, parseToolInput, type Tool, toolSchemas } from "./face.ts";
import { alive, ctx, everything, pidsWith, textOf, waitFor } from "./servers.ts";

// Real node servers start slowly on a busy 2-core machine; these are not timing tests.
setDefaultTimeout(30_000);

describe("server-everything over stdio", () => {
  let conn: McpConnection;
  const notices: string[] = [];
  const tool = (name: string) => conn.tools.find((t) => t.name === name) as Tool;

  beforeAll(async () => {
    conn = await connectMcpServers([everything(), { name: "broken", source: "/p/.mcp.json", config: { command: "keel-no-such-command-xyz" } }], {
      notify: (l) => notices.push(l),
    });
  });
  afterAll(() => conn.close());

  test("its tools are namespaced mcp__everything__<tool>, in the server's order", () => {
    const names = conn.tools.map((t) => t.name);
    expect(names.slice(0, 3)).toEqual(["mcp__everything__echo", "mcp__everything__get-annotated-message", "mcp__everything__get-env"]);
    expect(names.every((n) => n.startsWith("mcp__everything__"))).toBe(true);
    const status = conn.servers.find((s) => s.name === "everything");
    expect(status).toMatchObject({ status: "connected", transport: "stdio", toolCount: names.length });
    expect(status?.tools).toEqual(names);
  });

  test("the model gets the server's description and JSON Schema; readOnly follows readOnlyHint", () => {
    const [schema] = toolSchemas([tool("mcp__everything__echo")]);
    expect(schema?.description).toBe("Echoes back the input string");
    expect(schema?.input_schema).toMatchObject({ type: "object", properties: { message: { type: "string", description: "Message to echo" } }, required: ["message"] });
    expect(schema?.input_schema.$schema).toBeUndefined();
    expect(tool("mcp__everything__echo").readOnly).toBe(true); // readOnlyHint: true
    expect(tool("mcp__everything__toggle-simulated-logging").readOnly).toBe(false); // readOnlyHint: false
  });

  test("a call returns the server's text", async () => {
    const input = parseToolInput(tool("mcp__everything__echo"), { message: "hello from keel" });
    if (!input.ok) throw new Error(input.message);
    expect(input.value).toEqual({ message: "hello from keel" });
    const r = await tool("mcp__everything__echo").run(input.value, ctx());
    expect(r.isError).toBeUndefined();
    expect(r.forModel).toBe("Echo: hello from keel");
  });

  test("an input the server rejects comes back as an is_error result; the server goes on", async () => {
    const bad = await tool("mcp__everything__echo").run({ msg: 1 }, ctx());
    expect(bad.isError).toBe(true);
    expect(textOf(bad.forModel)).toContain("message");
    const good = await tool("mcp__everything__get-sum").run({ a: 2, b: 40 }, ctx());
    expect(textOf(good.forModel)).toContain("42");
  });

  test("an image result becomes an image block, its text beside it", async () => {
    const r = await tool("mcp__everything__get-tiny-image").run({}, ctx());
    const blocks = r.forModel as { type: string; source?: { media_type: string; data: string } }[];
    expect(Array.isArray(blocks)).toBe(true);
    const img = blocks.find((b) => b.type === "image");
    expect(img?.source?.media_type).toBe("image/png");
    expect(Buffer.from(img?.source?.data ?? "", "base64").subarray(1, 4).toString()).toBe("PNG");
    expect(blocks.some((b) => b.type === "text")).toBe(true);
  });

  test("an embedded resource becomes text naming its uri", async () => {
    const r = await tool("mcp__everything__get-resource-reference").run({ resourceType: "Text", resourceId: 3 }, ctx());
    expect(textOf(r.forModel)).toMatch(/\[resource demo:\/\/resource\/dynamic\/text\/3 \(text\/plain\)\]\nResource 3:/);
  });

  test("a server that cannot start is named in a notice, marked failed, and the others serve on", () => {
    const broken = conn.servers.find((s) => s.name === "broken");
    expect(broken).toMatchObject({ status: "failed", toolCount: 0, tools: [] });
    expect(broken?.error).toContain('command "keel-no-such-command-xyz" was not found');
    expect(notices.some((n) => n.includes('MCP server "broken" (/p/.mcp.json) did not start') && n.includes("the session goes on"))).toBe(true);
    expect(conn.tools.some((t) => t.name.startsWith("mcp__broken__"))).toBe(false);
  });

  test("an interrupted call ends promptly with an error result", async () => {
    const ac = new AbortController();
    const call = tool("mcp__everything__trigger-long-running-operation").run({ duration: 30, steps: 30 }, ctx(ac.signal));
    await Bun.sleep(200);
    ac.abort();
    const r = await call;
    expect(r.isError).toBe(true);
    expect(textOf(r.forModel)).toContain("interrupted");
  });
});

describe("lifecycle", () => {
  test("close() ends the stdio child; no process is left behind", async () => {
    const conn = await connectMcpServers([everything()]);
    const pid = conn.servers[0]?.pid as number;
    expect(pid).toBeGreaterThan(0);
    expect(alive(pid)).toBe(true);
    await conn.close();
    await waitFor(() => !alive(pid), `pid ${pid} to exit`);
    expect(alive(pid)).toBe(false);
  });

  test("a server killed mid-session turns its calls into is_error results naming it", async () => {
    const notices: string[] = [];
    const conn = await connectMcpServers([everything("ev")], { notify: (l) => notices.push(l) });
    const echo = conn.tools.find((t) => t.name === "mcp__ev__echo") as Tool;
    expect((await echo.run({ message: "before" }, ctx())).forModel).toBe("Echo: before");
    process.kill(conn.servers[0]?.pid as number, "SIGKILL");
    await waitFor(() => notices.some((n) => n.includes('MCP server "ev" stopped')), "the stop notice");
    const r = await echo.run({ message: "after" }, ctx());
    expect(r.isError).toBe(true);
    expect(textOf(r.forModel)).toContain('MCP server "ev" is not available');
    expect(textOf(r.forModel)).toContain("mcp__ev__echo was not run");
    expect(conn.servers[0]).toMatchObject({ status: "failed", error: expect.stringContaining("it stopped") });
    await conn.close();
  });

  test("a call in flight when its server dies ends as an is_error result naming the server", async () => {
    const conn = await connectMcpServers([everything("ev2")]);
    const long = conn.tools.find((t) => t.name === "mcp__ev2__trigger-long-running-operation") as Tool;
    const call = long.run({ duration: 20, steps: 20 }, ctx());
    await Bun.sleep(300);
    process.kill(conn.servers[0]?.pid as number, "SIGKILL");
    const r = await call;
    expect(r.isError).toBe(true);
    expect(textOf(r.forModel)).toContain('MCP server "ev2" failed on trigger-long-running-operation');
    await conn.close();
  });

  test("a server that never answers is given up after the timeout, and its child ended", async () => {
    const notices: string[] = [];
    const marker = `keel-mute-${process.pid}-${Date.now()}`;
    const conn = await connectMcpServers(
      [{ name: "mute", source: "test", config: { command: "node", args: ["-e", `setInterval(() => {}, 1000) // ${marker}`] } }],
      { timeoutMs: 1500, notify: (l) => notices.push(l) },
    );
    await waitFor(() => pidsWith(marker).length === 0, "the mute server to be ended");
    const mute = conn.servers.find((s) => s.name === "mute");
    expect(mute?.status).toBe("failed");
    expect(mute?.error).toContain("no answer within 1500 ms");
    expect(notices.join("\n")).toContain('MCP server "mute" (test) did not start');
    await conn.close();
  });

  test("MCP_TIMEOUT sets the start-up deadline", async () => {
    const conn = await connectMcpServers([{ name: "mute", source: "test", config: { command: "node", args: ["-e", "setInterval(() => {}, 1000)"] } }], {
      env: { ...process.env, MCP_TIMEOUT: "700" },
    });
    expect(conn.servers[0]?.error).toContain("no answer within 700 ms");
    await conn.close();
  });

  test("a server that exits at once is reported with its stderr", async () => {
    const conn = await connectMcpServers([{ name: "dies", source: "test", config: { command: "node", args: ["-e", "console.error('token missing: set FOO'); process.exit(3)"] } }]);
    expect(conn.servers[0]?.status).toBe("failed");
    expect(conn.servers[0]?.error).toContain("token missing: set FOO");
    await conn.close();
  });

  test("a working directory that does not exist is named", async () => {
    const conn = await connectMcpServers([everything("ev", { cwd: "/nonexistent/keel-mcp" })]);
    expect(conn.servers[0]?.error).toContain("/nonexistent/keel-mcp does not exist");
  });
});

describe("names the API would refuse", () => {
  test("a tool name over 64 characters, or one taken already, is left out with a notice", async () => {
    const notices: string[] = [];
    const long = "x".repeat(50);
    const conn = await connectMcpServers([everything("a.b"), everything("a_b"), everything(long)], { notify: (l) => notices.push(l) });
    await conn.close();
    const [first, second, third] = conn.servers;
    expect(first?.toolCount).toBeGreaterThan(0);
    expect(first?.tools[0]).toBe("mcp__a_b__echo");
    expect(second).toMatchObject({ status: "connected", toolCount: 0 });
    expect(notices).toContain('MCP server "a_b": tool mcp__a_b__echo left out: another tool already has that name');
    // mcp__ + 50 + __ + "echo" = 61 fits; "get-annotated-message" does not.
    expect(third?.tools).toContain(`mcp__${long}__echo`);
    expect(third?.tools).not.toContain(`mcp__${long}__get-annotated-message`);
    expect(notices).toContain(`MCP server "${long}": tool mcp__${long}__get-annotated-message left out: the name is longer than 64 characters`);
    expect(new Set(conn.tools.map((t) => t.name)).size).toBe(conn.tools.length);
  });
});
