// @modelcontextprotocol/server-filesystem over stdio, confined to a temp dir: reads and
// writes through its tools land on disk, and a path outside its root is its error, not ours.
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import { readFileSync, realpathSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createPermissionGate } from "../../src/safety/index.ts";
import { connectMcpServers, type McpConnection, type Tool } from "./face.ts";
import { ctx, FILESYSTEM, tempDir, textOf } from "./servers.ts";

// Real node servers start slowly on a busy 2-core machine; these are not timing tests.
setDefaultTimeout(30_000);

describe("server-filesystem", () => {
  let conn: McpConnection;
  let root: string;
  const tool = (name: string) => conn.tools.find((t) => t.name === `mcp__fs__${name}`) as Tool;

  beforeAll(async () => {
    root = realpathSync(tempDir("keel-mcp-fs-"));
    writeFileSync(join(root, "notes.txt"), "line one\nline two\n");
    conn = await connectMcpServers([{ name: "fs", source: "test", config: { command: "node", args: [FILESYSTEM, root] } }]);
  });
  afterAll(() => conn.close());

  test("its tools are listed, read-only ones marked so", () => {
    expect(conn.servers[0]?.status).toBe("connected");
    expect(tool("read_text_file").readOnly).toBe(true);
    expect(tool("write_file").readOnly).toBe(false);
  });

  test("a read-only tool the server names still asks in default mode (its readOnly is a claim)", async () => {
    const gate = createPermissionGate({ rules: [], mode: "default", root });
    expect((await gate.decide(tool("read_text_file"), { path: join(root, "notes.txt") }, { cwd: root })).behavior).toBe("ask");
    expect((await gate.decide(tool("read_text_file"), { path: join(root, "notes.txt") }, { cwd: root })).reason).toContain("mcp__fs__read_text_file");
  });

  test("read_text_file returns the file's text", async () => {
    const r = await tool("read_text_file").run({ path: join(root, "notes.txt") }, ctx());
    expect(r.isError).toBeUndefined();
    expect(textOf(r.forModel)).toBe("line one\nline two\n");
  });

  test("write_file writes to disk", async () => {
    const r = await tool("write_file").run({ path: join(root, "new.txt"), content: "written by mcp" }, ctx());
    expect(r.isError).toBeUndefined();
    expect(readFileSync(join(root, "new.txt"), "utf8")).toBe("written by mcp");
  });

  test("a path outside its allowed directory is an error result", async () => {
    const r = await tool("read_text_file").run({ path: "/etc/hostname" }, ctx());
    expect(r.isError).toBe(true);
    expect(textOf(r.forModel)).toMatch(/outside allowed directories|Access denied/i);
  });

  test("a missing file is an error result", async () => {
    const r = await tool("read_text_file").run({ path: join(root, "absent.txt") }, ctx());
    expect(r.isError).toBe(true);
    expect(textOf(r.forModel)).toMatch(/ENOENT|no such file/i);
  });
});
