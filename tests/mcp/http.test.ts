// MCP over HTTP against server-everything's own streamable HTTP and SSE transports on
// loopback (a real child listening on a free port), and the headers a config sends.
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import { type Subprocess } from "bun";
import { connectMcpServers, type Tool } from "./face.ts";
import { ctx, EVERYTHING, textOf, waitFor } from "./servers.ts";

// Real node servers start slowly on a busy 2-core machine; these are not timing tests.
setDefaultTimeout(30_000);

function freePort(): number {
  const probe = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
  const port = probe.port;
  probe.stop(true);
  return port;
}

/** Starts server-everything in one of its HTTP modes and waits for its "listening" line. */
async function startHttpServer(mode: "streamableHttp" | "sse"): Promise<{ proc: Subprocess; port: number; log(): string }> {
  const port = freePort();
  const proc = Bun.spawn(["node", EVERYTHING, mode], { env: { ...process.env, PORT: String(port) }, stdout: "pipe", stderr: "pipe" });
  let log = "";
  void (async () => {
    for await (const chunk of proc.stdout as ReadableStream<Uint8Array>) log += new TextDecoder().decode(chunk);
  })();
  let seen = "";
  const reader = (proc.stderr as ReadableStream<Uint8Array>).getReader();
  while (!/listening|running/i.test(seen)) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`server-everything ${mode} exited: ${seen}`);
    seen += new TextDecoder().decode(value);
  }
  reader.releaseLock();
  return { proc, port, log: () => log };
}

describe("streamable HTTP", () => {
  let server: Awaited<ReturnType<typeof startHttpServer>>;
  beforeAll(async () => (server = await startHttpServer("streamableHttp")));
  afterAll(() => server.proc.kill());

  test("tools are listed and called over HTTP, the url expanded from ${VAR}", async () => {
    const conn = await connectMcpServers([{ name: "web", source: "test", config: { type: "http", url: "http://127.0.0.1:${KEEL_T_PORT}/mcp" } }], {
      env: { KEEL_T_PORT: String(server.port) },
    });
    expect(conn.servers[0]).toMatchObject({ name: "web", transport: "http", status: "connected" });
    expect(conn.tools.map((t) => t.name)).toContain("mcp__web__echo");
    const echo = conn.tools.find((t) => t.name === "mcp__web__echo") as Tool;
    expect((await echo.run({ message: "over http" }, ctx())).forModel).toBe("Echo: over http");
    await conn.close();
    // close() ends the HTTP session on the server too.
    await waitFor(() => server.log().includes("Received session termination request"), "the DELETE of the session");
  });

  test("a url nobody listens on fails that server by name", async () => {
    const notices: string[] = [];
    const conn = await connectMcpServers([{ name: "gone", source: "test", config: { type: "http", url: `http://127.0.0.1:${freePort()}/mcp` } }], { notify: (l) => notices.push(l) });
    expect(conn.servers[0]?.status).toBe("failed");
    expect(notices[0]).toContain('MCP server "gone" (test) did not start');
  });

  test("an invalid url is named", async () => {
    const conn = await connectMcpServers([{ name: "typo", source: "test", config: { type: "http", url: "not a url" } }]);
    expect(conn.servers[0]?.error).toBe('url "not a url" is not a valid URL');
  });
});

describe("SSE", () => {
  let server: Awaited<ReturnType<typeof startHttpServer>>;
  beforeAll(async () => (server = await startHttpServer("sse")));
  afterAll(() => server.proc.kill());

  test('type "sse" connects and calls', async () => {
    const conn = await connectMcpServers([{ name: "old", source: "test", config: { type: "sse", url: `http://127.0.0.1:${server.port}/sse` } }]);
    expect(conn.servers[0]).toMatchObject({ transport: "sse", status: "connected" });
    const sum = conn.tools.find((t) => t.name === "mcp__old__get-sum") as Tool;
    expect(textOf((await sum.run({ a: 1, b: 2 }, ctx())).forModel)).toContain("3");
    await conn.close();
  });
});

test("configured headers are sent on every request", async () => {
  const seen: (string | null)[] = [];
  const srv = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch(req) {
      seen.push(req.headers.get("authorization"));
      return new Response("no", { status: 403 });
    },
  });
  const conn = await connectMcpServers([{ name: "auth", source: "test", config: { type: "http", url: `http://127.0.0.1:${srv.port}/mcp`, headers: { Authorization: "Bearer ${KEEL_T_TOKEN}" } } }], {
    env: { KEEL_T_TOKEN: "tok-123" },
  });
  srv.stop(true);
  expect(seen.length).toBeGreaterThan(0);
  expect(seen.every((h) => h === "Bearer tok-123")).toBe(true);
  expect(conn.servers[0]?.status).toBe("failed");
  expect(conn.servers[0]?.error).toContain("Error POSTing to endpoint");
});
