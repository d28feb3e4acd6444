// Hooks inside a real agent run (engine + real tools + the test server): a blocking
// PreToolUse hook keeps the tool from running, a rewrite changes what runs, a Stop hook
// sends the agent back to work; a Claude Code settings.json hooks section runs unchanged.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { settingsHooks } from "../../src/cli/session-hooks.ts";
import { loadSettings } from "../../src/config/index.ts";
import { createTaskTool } from "../../src/engine/index.ts";
import { builtinTools } from "../../src/tools/index.ts";
import { text, toolUse } from "../support/anthropic/index.ts";
import type { AnthropicServer } from "../support/anthropic/index.ts";
import { endOf, probeTool, run, startServer } from "../engine/harness.ts";
import { fixture, pre } from "./helpers.ts";

let server: AnthropicServer;
let source: Awaited<ReturnType<typeof startServer>>["source"];
beforeAll(async () => ({ server, source } = await startServer()));
afterAll(() => server.close());

const write = builtinTools().filter((t) => t.name === "Write");

describe("hooks in the agent loop", () => {
  test("a PreToolUse hook that exits 2 keeps Write from running; the model hears why", async () => {
    server.reset();
    const f = fixture();
    const target = join(f.dir, "out.txt");
    server.enqueue(toolUse("Write", { file_path: target, content: "x" }), text("ok"));
    const hooks = f.runner(pre(f.script("no.sh", "echo 'writes are frozen today' >&2; exit 2"), {}, "Write"));
    await run({ source, cwd: f.dir, prompt: "go", tools: write, hooks });
    expect(existsSync(target)).toBe(false);
    const result = server.requests[1]!.body.messages.at(-1).content[0];
    expect(result.is_error).toBe(true);
    expect(JSON.stringify(result.content)).toContain("writes are frozen today");
  });

  test("updatedInput rewrites what the tool runs with (still schema-checked)", async () => {
    server.reset();
    const f = fixture();
    const target = join(f.dir, "out.txt");
    server.enqueue(toolUse("Write", { file_path: target, content: "from the model" }), text("ok"));
    const rewrite = f.script("rw.sh", `echo '{"hookSpecificOutput":{"permissionDecision":"allow","updatedInput":{"file_path":"${target}","content":"from the hook"}}}'`);
    await run({ source, cwd: f.dir, prompt: "go", tools: write, hooks: f.runner(pre(rewrite, {}, "Write")) });
    expect(readFileSync(target, "utf8")).toBe("from the hook");
  });

  test("a Stop hook that blocks sends the agent back to work once, with its reason", async () => {
    server.reset();
    const f = fixture();
    const flag = join(f.dir, "asked");
    const stop = f.script("stop.sh", `if [ -e ${flag} ]; then exit 0; fi; touch ${flag}; echo '{"decision":"block","reason":"you did not run the tests"}'`);
    server.enqueue(text("all done"), text("ran the tests, done"));
    const events = await run({ source, cwd: f.dir, prompt: "go", hooks: f.runner({ Stop: [{ hooks: [{ type: "command", command: stop }] }] }) });
    expect(endOf(events)).toMatchObject({ stop: "success", result: "ran the tests, done", numTurns: 2 });
    expect(JSON.stringify(server.requests[1]!.body.messages.at(-1))).toContain("A Stop hook asks you to continue: you did not run the tests");
  });

  test("a Task sub-agent's tool calls pass the same PreToolUse hooks; SubagentStart/Stop fire around it", async () => {
    server.reset();
    const f = fixture();
    const target = join(f.dir, "from-subagent.txt");
    const log = join(f.dir, "log");
    server.enqueue(
      toolUse("Task", { description: "write a file", prompt: "write it" }),
      toolUse("Write", { file_path: target, content: "x" }),
      text("sub-agent gave up"),
      text("all done"),
    );
    const hooks = f.runner({
      PreToolUse: [{ matcher: "Write", hooks: [{ type: "command", command: f.script("no.sh", "echo 'no writes' >&2; exit 2") }] }],
      SubagentStart: [{ hooks: [{ type: "command", command: f.script("s.sh", `echo start >> ${log}`) }] }],
      SubagentStop: [{ hooks: [{ type: "command", command: f.script("e.sh", `echo stop >> ${log}`) }] }],
      Stop: [{ hooks: [{ type: "command", command: f.script("st.sh", `echo session-stop >> ${log}`) }] }],
    });
    const task = createTaskTool({ source, model: "claude-sonnet-5-5", tools: write, hooks });
    const events = await run({ source, cwd: f.dir, prompt: "go", tools: [task, ...write], hooks });
    expect(endOf(events).result).toBe("all done");
    expect(existsSync(target)).toBe(false);
    expect(JSON.stringify(server.requests[2]!.body.messages.at(-1))).toContain("no writes");
    expect(readFileSync(log, "utf8").trim().split("\n")).toEqual(["start", "stop", "session-stop"]);
  });

  test("FileChanged fires when a file the session read is changed behind its back", async () => {
    server.reset();
    const f = fixture();
    const file = join(f.dir, "watched.txt");
    const log = join(f.dir, "changed.log");
    writeFileSync(file, "v1\n");
    const meddle = probeTool("Meddle", { run: () => (writeFileSync(file, "v2 from elsewhere\n"), "meddled") });
    server.enqueue({ content: [{ type: "tool_use", name: "Read", input: { file_path: file } }, { type: "tool_use", name: "Meddle", input: { value: "x" } }] }, text("ok"));
    const hooks = f.runner({ FileChanged: [{ hooks: [{ type: "command", command: f.script("fc.sh", `cat > ${log}.part && mv ${log}.part ${log}`) }] }] });
    const read = builtinTools().filter((t) => t.name === "Read");
    await run({ source, cwd: f.dir, prompt: "go", tools: [...read, meddle], hooks });
    for (let i = 0; i < 300 && !existsSync(log); i++) await Bun.sleep(10);
    expect(JSON.parse(readFileSync(log, "utf8"))).toMatchObject({ hook_event_name: "FileChanged", file_path: file });
  });

  test("SessionStart context reaches the first request", async () => {
    server.reset();
    const f = fixture();
    server.enqueue(text("hi"));
    const start = f.script("start.sh", "echo 'deploys are frozen until Friday'");
    await run({ source, cwd: f.dir, prompt: "go", hooks: f.runner({ SessionStart: [{ matcher: "startup", hooks: [{ type: "command", command: start }] }] }) });
    expect(JSON.stringify(server.requests[0]!.body.messages[0])).toContain("deploys are frozen until Friday");
  });

  test("a Claude Code settings.json hooks section, copied verbatim, is read with its source", async () => {
    const f = fixture();
    mkdirSync(join(f.dir, ".git"));
    mkdirSync(join(f.dir, ".keel"));
    const file = join(f.dir, ".keel", "settings.json");
    writeFileSync(
      file,
      JSON.stringify({
        hooks: {
          PreToolUse: [{ matcher: "Bash", hooks: [{ type: "command", command: "jq -r '.tool_input.command' >> ~/.claude/bash-command-log.txt" }] }],
          PostToolUse: [{ matcher: "Edit|MultiEdit|Write", hooks: [{ type: "command", command: "npx prettier --write \"$CLAUDE_PROJECT_DIR\"", timeout: 30 }] }],
        },
      }),
    );
    const loaded = await loadSettings({ cwd: f.dir, env: { HOME: f.dir, KEEL_HOME: join(f.dir, "home") } });
    const { defs, problems } = settingsHooks(loaded);
    expect(problems).toEqual([]);
    expect(defs.map((d) => [d.event, d.matcher, d.kind, d.timeoutMs, d.source])).toEqual([
      ["PreToolUse", "Bash", "command", 60_000, file],
      ["PostToolUse", "Edit|MultiEdit|Write", "command", 30_000, file],
    ]);
  });
});
