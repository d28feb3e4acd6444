// `keel hooks list` and `keel mcp list` when every entry is broken: the problems are listed,
// not contradicted by "none configured"; with nothing configured at all, that line is shown.
import { expect, test } from "bun:test";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { keelFromSource, tempDir } from "./plugin-support.ts";

test("hooks list: a broken hook is a problem line, not 'no hooks configured'", async () => {
  const keel = keelFromSource();
  expect((await keel.run(["hooks", "list"])).stdout).toStartWith("no hooks configured");
  writeFileSync(join(keel.home, "settings.json"), JSON.stringify({ hooks: { PostToolUse: [{ matcher: "Edit", hooks: [{ type: "command" }] }] } }));
  const r = await keel.run(["hooks", "list"]);
  expect(r.stdout).toBe(`problem: ${join(keel.home, "settings.json")}: hooks.PostToolUse[0].hooks[0]: a command hook needs its command\n`);
});

test("mcp list: a broken .mcp.json is a problem line, not 'no MCP servers configured'", async () => {
  const keel = keelFromSource();
  const cwd = tempDir("keel-mcp-empty-");
  expect((await keel.run(["mcp", "list"], { cwd })).stdout).toStartWith("no MCP servers configured");
  writeFileSync(join(cwd, ".mcp.json"), "{bad");
  const r = await keel.run(["mcp", "list"], { cwd });
  expect(r.stdout).toStartWith(`problem: ${join(cwd, ".mcp.json")}: invalid JSON`);
});
