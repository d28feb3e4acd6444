// Claude Code marketplaces through `keel plugin marketplace …` and `install name@marketplace`:
// a real marketplace directory (and one served over loopback HTTP), unsigned installs that
// need --allow-unsigned, and every source kind this machine cannot fetch named plainly.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { hashDir } from "../plugins/install/fixture.ts";
import { type Keel, keelFromSource, tempDir } from "./plugin-support.ts";

function writeTree(root: string, files: Record<string, string>) {
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(join(root, p, ".."), { recursive: true });
    writeFileSync(join(root, p), text);
  }
}

const MARKETPLACE = {
  name: "team-tools",
  owner: { name: "Team Tools" },
  plugins: [
    { name: "greeter", source: "./plugins/greeter", description: "Says hello", version: "1.2.0" },
    { name: "helper", source: "./plugins/helper", description: "Helps" },
    { name: "from-github", source: { source: "github", repo: "acme/tools" } },
    { name: "from-npm", source: { source: "npm", package: "@acme/tool" } },
    { name: "from-url", source: { source: "url", url: "https://git.example.com/t.git" } },
    { name: "from-subdir", source: { source: "git-subdir", url: "https://git.example.com/m.git", path: "p" } },
    { name: "escapes", source: "./../outside" },
    { name: "linky", source: "./plugins/linky" },
  ],
};

let keel: Keel;
let mkt: string;
let server: ReturnType<typeof Bun.serve>;

beforeAll(() => {
  mkt = tempDir("keel-mkt-");
  writeTree(mkt, {
    ".claude-plugin/marketplace.json": JSON.stringify(MARKETPLACE),
    "plugins/greeter/.claude-plugin/plugin.json": JSON.stringify({ name: "greeter", version: "1.2.0", author: { name: "Ann" } }),
    "plugins/greeter/commands/greet.md": "---\ndescription: greet\n---\nSay hello to $ARGUMENTS\n",
    "plugins/greeter/hooks/hooks.json": JSON.stringify({ hooks: {} }),
    "plugins/greeter/.mcp.json": JSON.stringify({ mcpServers: {} }),
    "plugins/helper/agents/helper.md": "---\nname: helper\n---\nHelp.\n",
    "plugins/linky/commands/x.md": "x",
    "../outside/commands/x.md": "x",
  });
  symlinkSync("/etc/passwd", join(mkt, "plugins/linky/commands/passwd.md"));
  keel = keelFromSource();
  server = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    fetch: (req) => (new URL(req.url).pathname === "/huge.json" ? new Response(`[${"0,".repeat(3 * 1024 * 1024)}0]`) : Response.json({ ...MARKETPLACE, name: "remote-tools" })),
  });
});
afterAll(() => server.stop(true));

describe("marketplace add, list, remove", () => {
  test("add reads .claude-plugin/marketplace.json from a directory and lists its plugins", async () => {
    const r = await keel.run(["plugin", "marketplace", "add", mkt, "--json"]);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ name: "team-tools", kind: "dir", location: mkt, plugins: MARKETPLACE.plugins.map((p) => p.name) });
  });

  test("add over http(s) fetches the file; a git source is not supported here", async () => {
    const r = await keel.run(["plugin", "marketplace", "add", `${server.url}marketplace.json`]);
    expect(r.stdout).toContain("added marketplace remote-tools (8 plugin(s))");
    const huge = await keel.run(["plugin", "marketplace", "add", `${server.url}huge.json`]);
    expect(huge.stderr).toContain("huge.json: a marketplace file over 4 MiB is refused");
    const git = await keel.run(["plugin", "marketplace", "add", "acme/tools"]);
    expect(git.stderr).toContain("error: not supported here: acme/tools is a git repository, and this keel reaches no git host");
    const list = JSON.parse((await keel.run(["plugin", "marketplace", "list", "--json"])).stdout);
    expect(list.marketplaces.map((m: { name: string; kind: string }) => `${m.name}:${m.kind}`).sort()).toEqual(["remote-tools:url", "team-tools:dir"]);
  });

  test("a bad marketplace file is named with its field; nothing is added", async () => {
    const bad = tempDir("keel-mkt-bad-");
    writeTree(bad, { ".claude-plugin/marketplace.json": JSON.stringify({ name: "Bad Name", owner: { name: "x" }, plugins: [] }) });
    const r = await keel.run(["plugin", "marketplace", "add", bad]);
    expect(r.stderr).toContain(`error: ${bad}/.claude-plugin/marketplace.json: name: lowercase letters, digits and dashes`);
    const none = await keel.run(["plugin", "marketplace", "add", tempDir("keel-empty-")]);
    expect(none.stderr).toContain("no .claude-plugin/marketplace.json here");
    const missing = join(tempDir("keel-mkt-gone-"), "nowhere");
    expect((await keel.run(["plugin", "marketplace", "add", missing])).stderr).toContain(`error: ${missing} does not exist`);
    const ownerless = tempDir("keel-mkt-owner-");
    writeTree(ownerless, { ".claude-plugin/marketplace.json": JSON.stringify({ name: "ok-name", plugins: [] }) });
    expect((await keel.run(["plugin", "marketplace", "add", ownerless])).stderr).toContain('owner: expected {"name": "…"} (who publishes the marketplace)');
    const listed = JSON.parse((await keel.run(["plugin", "marketplace", "list", "--json"])).stdout).marketplaces as Array<{ name: string }>;
    expect(listed.map((m) => m.name)).not.toContain("ok-name");
  });
});

describe("install name@marketplace", () => {
  test("refused without --allow-unsigned, saying it is unsigned; nothing changes", async () => {
    const before = hashDir(keel.stateDir);
    const r = await keel.run(["plugin", "install", "greeter@team-tools", "--yes"]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe("error: greeter@team-tools comes from a Claude Code marketplace and is unsigned: nothing vouches for its files\npass --allow-unsigned to install it anyway\n");
    expect(hashDir(keel.stateDir)).toBe(before);
  });

  test("a marketplace not added, or a plugin it does not list, is named as such (not as 'unsigned')", async () => {
    const before = hashDir(keel.stateDir);
    const none = await keel.run(["plugin", "install", "greeter@no-such-market", "--yes"]);
    expect(none.exitCode).toBe(1);
    expect(none.stderr.split("\n")[0]).toBe("error: no marketplace named no-such-market is added");
    const missing = await keel.run(["plugin", "install", "nobody@team-tools", "--yes"]);
    expect(missing.stderr).toContain("error: marketplace team-tools has no plugin nobody (it has: greeter, helper");
    expect(missing.stderr).not.toContain("unsigned");
    expect(hashDir(keel.stateDir)).toBe(before);
  });

  test("with --allow-unsigned --yes it installs, shows inferred capabilities, and lists as unsigned", async () => {
    const r = await keel.run(["plugin", "install", "greeter@team-tools", "--allow-unsigned", "--yes"]);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain("greeter 1.2.0 from Ann — UNSIGNED");
    expect(r.stderr).toContain("its capabilities below are inferred from what it ships, not signed");
    for (const c of ["(mcp-server)", "(prompt)", "(run-commands)"]) expect(r.stderr).toContain(c);
    expect(r.stdout).toMatch(/^installed greeter 1\.2\.0 \(unsigned\) in /);
    const rows = JSON.parse((await keel.run(["plugin", "list", "--json"])).stdout).plugins;
    expect(rows).toEqual([expect.objectContaining({ name: "greeter", version: "1.2.0", publisher: "Ann", source: "marketplace:team-tools", signed: false, status: "ok" })]);
  });

  test("a plugin without plugin.json takes its name from the entry and version 0.0.0", async () => {
    const r = await keel.run(["plugin", "install", "helper@team-tools", "--allow-unsigned", "--yes", "--json"]);
    expect(JSON.parse(r.stdout).plugin).toMatchObject({ name: "helper", version: "0.0.0", publisher: "Team Tools", format: "claude", capabilities: ["prompt"] });
  });

  const refused: Array<[string, string]> = [
    ["from-github@team-tools", "not supported here: from-github@team-tools has a {github: acme/tools} source"],
    ["from-npm@team-tools", "not supported here: from-npm@team-tools has an {npm: @acme/tool} source"],
    ["from-url@team-tools", "not supported here: from-url@team-tools has a {url: https://git.example.com/t.git} source"],
    ["from-subdir@team-tools", "not supported here: from-subdir@team-tools has a {git-subdir: https://git.example.com/m.git} source"],
    ["greeter@remote-tools", "not supported here: greeter@remote-tools has a relative source in a marketplace added by URL"],
    ["escapes@team-tools", "escapes@team-tools: source \"./../outside\" points outside the marketplace"],
    ["linky@team-tools", "commands/passwd.md: only regular files and directories are accepted (this is a symbolic link)"],
    ["missing@team-tools", "marketplace team-tools has no plugin missing (it has: greeter, helper,"],
    ["greeter@nowhere", "no marketplace named nowhere is added"],
  ];
  for (const [spec, message] of refused) {
    test(`${spec} is refused clearly and nothing changes`, async () => {
      const before = hashDir(keel.stateDir);
      const r = await keel.run(["plugin", "install", spec, "--allow-unsigned", "--yes"]);
      expect(r.exitCode).toBe(1);
      expect(r.stderr).toContain(message);
      expect(hashDir(keel.stateDir)).toBe(before);
    });
  }

  test("browse away from a terminal prints the list; --json gives it to scripts", async () => {
    const r = await keel.run(["plugin", "browse"], { env: { KEEL_REGISTRY: "embedded" } });
    expect(r.stdout).toContain("commit-helper 1.0.0");
    expect(r.stdout).toContain("greeter@team-tools 1.2.0  Team Tools (unsigned) [installed 1.2.0]  Says hello");
    const j = JSON.parse((await keel.run(["plugin", "browse", "--json"])).stdout);
    expect(j.plugins.find((p: { spec: string }) => p.spec === "greeter@team-tools")).toMatchObject({ signed: false, installed: "1.2.0", source: "marketplace:team-tools" });
    expect(j.plugins.find((p: { name: string }) => p.name === "commit-helper")).toMatchObject({ signed: true, source: "registry" });
  });

  test("info and search cover marketplace plugins, marked unsigned", async () => {
    const info = await keel.run(["plugin", "info", "greeter@team-tools"], { env: { KEEL_REGISTRY: "embedded" } });
    expect(info.stdout).toContain("publisher     Team Tools (unsigned: nothing vouches for its files)");
    expect(info.stdout).toContain("install       keel plugin install greeter@team-tools --allow-unsigned");
    const found = JSON.parse((await keel.run(["plugin", "search", "says hello", "--json"])).stdout).plugins;
    expect(found.map((p: { spec: string }) => p.spec).sort()).toEqual(["greeter@remote-tools", "greeter@team-tools"]);
  });

  test("with the registry unreachable, search still finds marketplace plugins and says why the rest is missing", async () => {
    const r = await keel.run(["plugin", "search", "hello"], { env: { KEEL_REGISTRY: "http://127.0.0.1:9" } });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain("greeter@team-tools");
    expect(r.stderr).toContain("registry not read:");
  });

  test("update re-reads the marketplace directory; remove of the marketplace keeps its plugins", async () => {
    writeFileSync(join(mkt, "plugins/greeter/.claude-plugin/plugin.json"), JSON.stringify({ name: "greeter", version: "1.3.0", author: { name: "Ann" } }));
    const skipped = await keel.run(["plugin", "update", "--all"]);
    expect(skipped.exitCode).toBe(0);
    expect(skipped.stdout).toBe("greeter 1.2.0: skipped (unsigned: --allow-unsigned re-reads it)\nhelper 0.0.0: skipped (unsigned: --allow-unsigned re-reads it)\n");
    const one = await keel.run(["plugin", "update", "greeter"]);
    expect(one.stderr).toContain("error: greeter@team-tools comes from a Claude Code marketplace and is unsigned");
    const r = await keel.run(["plugin", "update", "greeter", "--allow-unsigned"]);
    expect(r.stdout).toBe("updated greeter 1.2.0 → 1.3.0\n");
    const gone = await keel.run(["plugin", "marketplace", "remove", "team-tools"]);
    expect(gone.stdout).toContain("removed marketplace team-tools");
    const rows = JSON.parse((await keel.run(["plugin", "list", "--json"])).stdout).plugins;
    expect(rows.map((p: { name: string }) => p.name)).toEqual(["greeter", "helper"]);
  });
});

test("marketplace remove --json says what was removed, on stdout only", async () => {
  const k = keelFromSource();
  expect((await k.run(["plugin", "marketplace", "add", mkt])).exitCode).toBe(0);
  const r = await k.run(["plugin", "marketplace", "remove", "team-tools", "--json"]);
  expect(r.exitCode).toBe(0);
  expect(r.stderr).toBe("");
  expect(JSON.parse(r.stdout)).toEqual({ status: "removed", name: "team-tools", kind: "dir", location: mkt });
  expect(JSON.parse((await k.run(["plugin", "marketplace", "list", "--json"])).stdout)).toEqual({ marketplaces: [] });
});

test("info: a marketplace not added, a plugin it lacks, and an entry without version or description", async () => {
  const k = keelFromSource();
  expect((await k.run(["plugin", "marketplace", "add", mkt])).exitCode).toBe(0);
  const none = await k.run(["plugin", "info", "greeter@no-such-market"]);
  expect(none.exitCode).toBe(1);
  expect(none.stderr.split("\n")[0]).toBe("error: no marketplace named no-such-market is added");
  const missing = await k.run(["plugin", "info", "nobody@team-tools"]);
  expect(missing.stderr.split("\n")[0]).toBe("error: marketplace team-tools has no plugin nobody");
  const bare = await k.run(["plugin", "info", "from-github@team-tools"]);
  expect(bare.stdout.split("\n")[0]).toBe("from-github");
});

test("a marketplace's free-form text cannot steer the terminal: escapes and bidi overrides are dropped from search output", async () => {
  const k = keelFromSource();
  const root = tempDir("keel-mkt-esc-");
  mkdirSync(join(root, "p"), { recursive: true });
  const description = "formats code\u001b[8m hidden\u001b[3A\u001b[J \u202eevil";
  writeTree(root, { ".claude-plugin/marketplace.json": JSON.stringify({ name: "esc", owner: { name: "o\u001b[2Jwner" }, plugins: [{ name: "fmt", source: "./p", description, version: "1.0.0\u001b[1A" }] }) });
  expect((await k.run(["plugin", "marketplace", "add", root])).exitCode).toBe(0);
  const r = await k.run(["plugin", "search", "formats"]);
  expect(r.stdout).toContain("formats code[8m hidden[3A[J evil");
  expect(r.stdout).not.toMatch(/[\u001b\u202e]/);
});
