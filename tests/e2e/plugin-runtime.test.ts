// Plugins through the compiled binary against the fake Anthropic server: a --plugin-dir
// plugin's slash command as `keel -p "/name args"`, host-module tools the agent calls (the
// host being the binary re-executing itself), a crashing host as an is_error result and a
// working call after it, a flag-off plugin absent from the toolset.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync, writeFileSync } from "node:fs";
import { chmodSync, existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { freshDir, KEEL_BIN, runKeel } from "../support/binary.ts";
import { type AnthropicServer, startAnthropicServer, text, toolUse } from "../support/anthropic/index.ts";
import { TMUX, tmuxServer } from "../support/tmux.ts";

let server: AnthropicServer;
beforeAll(async () => (server = await startAnthropicServer({ apiKey: "e2e-key" })));
afterAll(() => server.close());
const env = () => ({ ANTHROPIC_API_KEY: "e2e-key", ANTHROPIC_BASE_URL: server.url });

function plugin(name: string, files: Record<string, string | object>): string {
  const root = freshDir(`keel-e2e-plugin-`);
  for (const [rel, body] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), typeof body === "string" ? body : JSON.stringify(body));
  }
  return root;
}

const HOST = `
export const tools = [
  // Stray output on the host's stdout (the protocol's channel) must not cost the answer.
  { name: "shout", run: (input) => { process.stdout.write("stray "); console.log("a log line"); return { content: input.text.toUpperCase() }; } },
  { name: "whoami", run: () => JSON.stringify({ execPath: process.execPath, main: Bun.main, bunBeBun: process.env.BUN_BE_BUN ?? null }) },
  { name: "die", run: () => process.exit(3) },
];`;

const kit = (extra: Record<string, unknown> = {}) =>
  plugin("kit", {
    "plugin.json": {
      name: "kit",
      version: "1.0.0",
      publisher: "test",
      description: "e2e kit",
      engine: ">=0.1.0",
      capabilities: ["prompt"],
      ...extra,
      contributes: {
        commands: [{ name: "greet", file: "commands/greet.md" }],
        hostModules: [
          {
            path: "host.ts",
            tools: [
              { name: "shout", description: "Upper-cases text", inputSchema: { type: "object", properties: { text: { type: "string" } }, required: ["text"] } },
              { name: "whoami", description: "Where the host runs" },
              { name: "die", description: "Crashes the host" },
            ],
          },
        ],
      },
    },
    "commands/greet.md": "---\ndescription: Greet someone\n---\nWrite a one-line greeting for $ARGUMENTS.",
    "host.ts": HOST,
  });

const allow = ["--allowed-tools", "plugin__kit__shout,plugin__kit__whoami,plugin__kit__die"];

describe("plugins through the binary", () => {
  test('keel -p "/greet Ada" sends the command\'s prompt with the arguments filled in', async () => {
    server.reset();
    server.enqueue(text("Hello, Ada!"));
    const dir = kit();
    const r = await runKeel(["--plugin-dir", dir, "-p", "/greet Ada Lovelace"], { env: env() });
    expect(r.stderr).toBe("");
    expect(r.exitCode).toBe(0);
    expect(r.stdout.trim()).toBe("Hello, Ada!");
    const user = server.requests[0]!.body.messages[0];
    expect(JSON.stringify(user.content)).toContain("Write a one-line greeting for Ada Lovelace.");
    // The plugin's tools are in the toolset; no host was needed for a command.
    expect(server.requests[0]!.body.tools.map((t: { name: string }) => t.name)).toContain("plugin__kit__shout");
  });

  test("a command's allowed-tools hold while it runs: its Bash call runs unasked, the same call from a bare prompt is refused", async () => {
    const dir = plugin("cc", {
      ".claude-plugin/plugin.json": { name: "cc" },
      "commands/stamp.md": "---\ndescription: Stamp\nallowed-tools: Bash(touch:*)\n---\nStamp $ARGUMENTS.",
    });
    const resultOf = async (prompt: string) => {
      server.reset();
      server.enqueue(toolUse("Bash", { command: "touch stamped && echo stamped" }), text("done"));
      const r = await runKeel(["--plugin-dir", dir, "-p", prompt], { env: env() });
      expect(r.exitCode).toBe(0);
      const block = server.requests[1]!.body.messages.at(-1).content[0];
      return { isError: block.is_error === true, text: JSON.stringify(block.content) };
    };
    const granted = await resultOf("/stamp it");
    expect(granted).toMatchObject({ isError: false });
    expect(granted.text).toContain("stamped");
    const bare = await resultOf("stamp it");
    expect(bare.isError).toBe(true);
  });

  test("the agent calls a host tool; the host is this binary re-executed (not bun), and answers", async () => {
    server.reset();
    server.enqueue(toolUse("plugin__kit__whoami", {}), toolUse("plugin__kit__shout", { text: "quiet please" }), text("done"));
    const r = await runKeel(["--plugin-dir", kit(), "-p", "go", ...allow], { env: env() });
    expect(r.exitCode).toBe(0);
    const first = server.requests[1]!.body.messages.at(-1).content[0];
    expect(first.is_error).toBeFalsy();
    const who = JSON.parse(typeof first.content === "string" ? first.content : first.content[0].text);
    expect(who.execPath).toBe(KEEL_BIN);
    expect(who.main.startsWith("/$bunfs/")).toBe(true);
    expect(who.bunBeBun).toBeNull();
    const second = server.requests[2]!.body.messages.at(-1).content[0];
    expect(JSON.stringify(second.content)).toContain("QUIET PLEASE");
  });

  test("a host that crashes mid-call is an is_error result; the next call restarts it and works", async () => {
    server.reset();
    server.enqueue(toolUse("plugin__kit__die", {}), toolUse("plugin__kit__shout", { text: "again" }), text("recovered"));
    const r = await runKeel(["--plugin-dir", kit(), "-p", "go", ...allow], { env: env() });
    expect(r.exitCode).toBe(0);
    expect(r.stdout.trim()).toBe("recovered");
    const crashed = server.requests[1]!.body.messages.at(-1).content[0];
    expect(crashed.is_error).toBe(true);
    expect(JSON.stringify(crashed.content)).toContain("plugin kit: its host exited with code 3");
    const after = server.requests[2]!.body.messages.at(-1).content[0];
    expect(after.is_error).toBeFalsy();
    expect(JSON.stringify(after.content)).toContain("AGAIN");
    expect(r.stderr).toContain("it restarts on the next use");
  });

  test("where no sandbox can be made, the host runs plainly and keel says so once", async () => {
    server.reset();
    server.enqueue(toolUse("plugin__kit__shout", { text: "one" }), toolUse("plugin__kit__shout", { text: "two" }), text("done"));
    // No bwrap on PATH: the binary and its host need nothing from PATH.
    const r = await runKeel(["--plugin-dir", kit(), "-p", "go", ...allow], { env: { ...env(), PATH: "/nonexistent" } });
    expect(r.exitCode).toBe(0);
    expect(JSON.stringify(server.requests[2]!.body.messages.at(-1).content)).toContain("TWO");
    expect(r.stderr.match(/plugin hosts run without a sandbox here \(bubblewrap \(bwrap\) is not installed\)/g)).toHaveLength(1);
  });

  test("a plugin whose flag is off contributes no tools and no commands", async () => {
    server.reset();
    server.enqueue(text("plain"));
    const r = await runKeel(["--plugin-dir", kit({ flag: "buddy" }), "-p", "/greet Ada"], { env: env() });
    expect(r.exitCode).toBe(0);
    const body = server.requests[0]!.body;
    expect((body.tools ?? []).map((t: { name: string }) => t.name).filter((n: string) => n.startsWith("plugin__"))).toEqual([]);
    expect(JSON.stringify(body.messages[0].content)).toContain("/greet Ada");
  });

  test("a bad manifest is one warning naming file and field; the run goes on", async () => {
    server.reset();
    server.enqueue(text("fine"));
    const dir = plugin("bad", { "plugin.json": { name: "bad", version: "1.0.0", publisher: "test", description: "x", engine: "*", contributes: { hostModules: [{ path: "../out.js" }] } } });
    const r = await runKeel(["--plugin-dir", dir, "-p", "hi"], { env: env() });
    expect(r.exitCode).toBe(0);
    expect(r.stdout.trim()).toBe("fine");
    expect(r.stderr).toContain(`${join(dir, "plugin.json")}: contributes.hostModules[0].path: a relative path inside the plugin`);
  });
});

const EVERYTHING = resolve(import.meta.dir, "../../node_modules/@modelcontextprotocol/server-everything/dist/index.js");

describe("a Claude Code plugin through the binary", () => {
  test("its .mcp.json server, hooks.json command hook and commands/ all work unchanged", async () => {
    server.reset();
    const dir = plugin("ckit", {
      ".claude-plugin/plugin.json": { name: "ckit" },
      ".mcp.json": { mcpServers: { everything: { command: "node", args: [EVERYTHING, "stdio"] } } },
      "hooks/hooks.json": { hooks: { PreToolUse: [{ matcher: "mcp__.*", hooks: [{ type: "command", command: "${CLAUDE_PLUGIN_ROOT}/hooks/log.sh" }] }] } },
      "hooks/log.sh": '#!/usr/bin/env bash\ncat > "$CLAUDE_PLUGIN_ROOT/pre-tool.json"\n',
      "commands/shout.md": "---\ndescription: Echo loudly\n---\nEcho $ARGUMENTS through the everything server.",
    });
    chmodSync(join(dir, "hooks/log.sh"), 0o755);
    server.enqueue(toolUse("mcp__ckit_everything__echo", { message: "through a plugin" }), text("echoed"));
    const r = await runKeel(["--plugin-dir", dir, "-p", "/shout hello", "--allowed-tools", "mcp__ckit_everything__echo"], { env: env() });
    expect(r.exitCode).toBe(0);
    expect(r.stdout.trim()).toBe("echoed");
    expect(JSON.stringify(server.requests[0]!.body.messages[0].content)).toContain("Echo hello through the everything server.");
    const result = server.requests[1]!.body.messages.at(-1).content[0];
    expect(result.is_error).toBeFalsy();
    expect(JSON.stringify(result.content)).toContain("through a plugin");
    expect(existsSync(join(dir, "pre-tool.json"))).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, "pre-tool.json"), "utf8"))).toMatchObject({ hook_event_name: "PreToolUse", tool_name: "mcp__ckit_everything__echo" });
  });
});

describe("an installed plugin", () => {
  test("installed from the embedded registry: plugin list shows what it contributes, and its command works in -p", async () => {
    server.reset();
    const home = freshDir("keel-e2e-home-");
    const harbor = ["--flag", "harbor=true"];
    const inst = await runKeel([...harbor, "plugin", "install", "commit-helper", "--yes"], { home });
    expect(inst.exitCode).toBe(0);
    const list = JSON.parse((await runKeel([...harbor, "plugin", "list", "--json"], { home })).stdout).plugins;
    expect(list[0]).toMatchObject({ name: "commit-helper", status: "ok", contributes: { commands: ["/commit"], tools: [], hooks: 0 } });
    const table = (await runKeel([...harbor, "plugin", "list"], { home })).stdout;
    expect(table).toContain("commit-helper contributes 1 command");
    server.enqueue(text("feat: a message"));
    const r = await runKeel(["-p", "/commit"], { home, env: env() });
    expect(r.exitCode).toBe(0);
    expect(JSON.stringify(server.requests[0]!.body.messages[0].content)).toContain("git diff --staged");
  });
});

const term = tmuxServer("keel-plugin-ui");
afterAll(() => {
  if (TMUX) term.kill();
});

describe.skipIf(!TMUX)("plugins in the REPL", () => {
  test("the companion widget draws and animates beside the prompt, reacts to a failed tool; a plugin command runs", async () => {
    server.reset();
    const dir = plugin("pet", {
      "plugin.json": {
        name: "pet",
        version: "1.0.0",
        publisher: "test",
        description: "a pet",
        engine: "*",
        capabilities: ["prompt", "ui"],
        contributes: {
          hostModules: [{ path: "host.js", tools: [{ name: "fail", description: "always fails" }] }],
          widgets: [{ id: "face", slot: "companion" }],
          commands: [{ name: "greet", file: "greet.md" }],
        },
      },
      "host.js": `export const widgets = { face: { frames: () => [["[o_o] frame-A"], ["[-_-] frame-B"]], react: (ev) => ev.kind === "tool_failed" ? "that hurt: " + ev.detail : undefined } };
export const tools = [{ name: "fail", run: () => ({ content: "nope", isError: true }) }];`,
      "greet.md": "---\ndescription: Greet someone\n---\nGreet $ARGUMENTS warmly.",
    });
    const cwd = freshDir("keel-plugin-ui-");
    mkdirSync(join(cwd, ".git"));
    term.start("p", cwd, { KEEL_HOME: freshDir("keel-home-"), ANTHROPIC_API_KEY: "e2e-key", ANTHROPIC_BASE_URL: server.url, NO_COLOR: "1" }, `${KEEL_BIN} --plugin-dir ${dir} --allowed-tools plugin__pet__fail`, { x: 140, y: 40 });
    await term.waitFor("p", "frame-A");
    await term.waitFor("p", "frame-B");

    term.keys("p", "/gr");
    await term.waitFor("p", "Greet someone (plugin pet)");
    term.keys("p", "C-u");
    server.enqueue(text("Hello, Bob!"));
    term.keys("p", "/greet Bob", "Enter");
    await term.waitFor("p", "Hello, Bob!");
    expect(JSON.stringify(server.requests.at(-1)!.body.messages[0].content)).toContain("Greet Bob warmly.");

    server.enqueue(toolUse("plugin__pet__fail", {}), text("it failed"));
    term.keys("p", "try the tool", "Enter");
    await term.waitFor("p", "that hurt: plugin__pet__fail");
  });
});
