// `keel mcp list` names unapproved project servers and prints the one command that approves
// them; running that command (keeping names already approved) is enough.
import { describe, expect, test } from "bun:test";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { approveCommand } from "../../src/cli/mcp.ts";
import { cleanEnv } from "../support/binary.ts";
import { keelFromSource, tempDir } from "./plugin-support.ts";

const MAIN = resolve(import.meta.dir, "../../src/main.ts");

const skip = (name: string, kind = "unapproved") => ({ name, kind });

describe("approveCommand", () => {
  test.each([
    ["none unapproved", [], [skip("x", "overridden")], undefined],
    ["one", [], [skip("proj")], `keel config set enabledMcpjsonServers '["proj"]' --scope local`],
    ["keeps what the local file already approves", [{ name: "local", values: { enabledMcpjsonServers: ["old"] } }], [skip("a"), skip("b")], `keel config set enabledMcpjsonServers '["old","a","b"]' --scope local`],
    ["other layers are not copied into the local file", [{ name: "user", values: { enabledMcpjsonServers: ["u"] } }], [skip("a")], `keel config set enabledMcpjsonServers '["a"]' --scope local`],
  ])("%s", (_n, layers, skipped, want) => {
    expect(approveCommand(layers, skipped)?.command).toBe(want);
  });
});

test("the printed command approves the server: the next list starts it", async () => {
  const keel = keelFromSource();
  const cwd = tempDir("keel-mcp-approve-");
  mkdirSync(join(cwd, ".git"));
  writeFileSync(join(cwd, ".mcp.json"), JSON.stringify({ mcpServers: { proj: { command: "/nonexistent/mcp-server" } } }));
  const r = await keel.run(["mcp", "list"], { cwd });
  const line = r.stdout.split("\n").find((l) => l.startsWith("to approve it for this project only: "));
  expect(line).toBe(`to approve it for this project only: keel config set enabledMcpjsonServers '["proj"]' --scope local`);
  // The command as a person would paste it into a shell.
  const command = (line as string).slice(line!.indexOf("keel ")).replace(/^keel /, `${JSON.stringify(process.execPath)} ${JSON.stringify(MAIN)} `);
  const sh = Bun.spawnSync(["bash", "-c", command], { cwd, env: cleanEnv({ KEEL_HOME: keel.home, NO_COLOR: "1" }) });
  expect(sh.exitCode).toBe(0);
  expect(JSON.parse(readFileSync(join(cwd, ".keel", "settings.local.json"), "utf8"))).toEqual({ enabledMcpjsonServers: ["proj"] });
  const after = JSON.parse((await keel.run(["mcp", "list", "--json"], { cwd })).stdout);
  expect(after.skipped).toEqual([]);
  expect(after.servers.map((s: { name: string; status: string }) => `${s.name}:${s.status}`)).toEqual(["proj:failed"]);
});
