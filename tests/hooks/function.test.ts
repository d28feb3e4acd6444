// The `function` hook kind: a function a plugin's host module exports, called in that
// plugin's host (a real child process). Inside a real agent run against the test server a
// function hook blocks a PreToolUse; a settings hook names it `<plugin>:<function>`; a
// function that throws is a notice, never a block; the host starts only when a hook fires.
import { afterAll, afterEach, beforeAll, describe, expect, test } from "bun:test";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { createHookRunner, readHooks } from "../../src/hooks/index.ts";
import { functionHookExecutor, type PluginRuntime } from "../../src/plugins/index.ts";
import { builtinTools } from "../../src/tools/index.ts";
import { type AnthropicServer, text, toolUse } from "../support/anthropic/index.ts";
import { run, startServer } from "../engine/harness.ts";
import { hostProcesses, manifest, runtimeFor, uniqueName, writeTree } from "../plugins/runtime/fixtures.ts";

let server: AnthropicServer;
let source: Awaited<ReturnType<typeof startServer>>["source"];
beforeAll(async () => ({ server, source } = await startServer()));
afterAll(() => server.close());
const open: PluginRuntime[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => r.close()));
});

const HOST = `
export const hooks = {
  guard: (payload) =>
    String(payload.tool_input?.file_path ?? "").endsWith(".lock")
      ? { hookSpecificOutput: { hookEventName: "PreToolUse", permissionDecision: "deny", permissionDecisionReason: "lock files are generated; edit the manifest instead (" + payload.tool_name + ")" } }
      : undefined,
  broken: () => { throw new Error("guard crashed"); },
  note: (payload) => ({ systemMessage: "saw " + payload.hook_event_name }),
};`;

function guardPlugin(hooksJson: object) {
  const name = uniqueName("guard");
  const root = writeTree({ "plugin.json": manifest(name, { contributes: { hostModules: ["host.js"] } }), "host.js": HOST, "hooks/hooks.json": hooksJson });
  const r = runtimeFor([root]);
  open.push(r.runtime);
  const notices: string[] = [];
  const hooks = (extra: ReturnType<typeof readHooks>["defs"] = []) =>
    createHookRunner({ defs: [...r.runtime.contributions().hooks, ...extra], projectDir: root, injected: { function: functionHookExecutor(r.runtime) }, notify: (l) => notices.push(l) });
  return { name, root, runtime: r.runtime, hooks, notices };
}

const onWrite = (fn: string) => ({ hooks: { PreToolUse: [{ matcher: "Write", hooks: [{ type: "function", function: fn }] }] } });
const write = builtinTools().filter((t) => t.name === "Write");

describe("function hooks", () => {
  test("a plugin's function hook blocks a PreToolUse in a real agent run; the model hears the reason", async () => {
    server.reset();
    const g = guardPlugin(onWrite("guard"));
    const target = join(g.root, "deps.lock");
    server.enqueue(toolUse("Write", { file_path: target, content: "x" }), text("understood"));
    await run({ source, cwd: g.root, prompt: "go", tools: write, hooks: g.hooks() });
    expect(existsSync(target)).toBe(false);
    const result = server.requests[1]!.body.messages.at(-1).content[0];
    expect(result.is_error).toBe(true);
    expect(JSON.stringify(result.content)).toContain("lock files are generated; edit the manifest instead (Write)");
  });

  test("the same hook lets other writes through", async () => {
    server.reset();
    const g = guardPlugin(onWrite("guard"));
    const target = join(g.root, "notes.txt");
    server.enqueue(toolUse("Write", { file_path: target, content: "x" }), text("done"));
    await run({ source, cwd: g.root, prompt: "go", tools: write, hooks: g.hooks() });
    expect(existsSync(target)).toBe(true);
  });

  test("no host starts until a function hook fires", async () => {
    const g = guardPlugin(onWrite("guard"));
    const hooks = g.hooks();
    await hooks.run("PreToolUse", { session_id: "s", cwd: g.root, hook_event_name: "PreToolUse", tool_name: "Read" });
    expect(hostProcesses(g.name)).toEqual([]);
    const out = await hooks.run("PreToolUse", { session_id: "s", cwd: g.root, hook_event_name: "PreToolUse", tool_name: "Write", tool_input: { file_path: "a.lock" } });
    expect(out.block?.reason).toContain("lock files are generated");
    expect(hostProcesses(g.name).length).toBeGreaterThan(0);
  });

  test("a settings hook names the function <plugin>:<name>", async () => {
    const g = guardPlugin({ hooks: {} });
    const { defs } = readHooks({ PreToolUse: [{ matcher: "Write", hooks: [{ type: "function", function: `${g.name}:guard` }] }] }, "/project/.keel/settings.json");
    const out = await g.hooks(defs).run("PreToolUse", { session_id: "s", cwd: g.root, hook_event_name: "PreToolUse", tool_name: "Write", tool_input: { file_path: "x.lock" } });
    expect(out.block?.reason).toContain("lock files are generated");
  });

  test("a function that throws is a notice naming the hook, and does not block", async () => {
    const g = guardPlugin(onWrite("broken"));
    const out = await g.hooks().run("PreToolUse", { session_id: "s", cwd: g.root, hook_event_name: "PreToolUse", tool_name: "Write", tool_input: { file_path: "x.lock" } });
    expect(out.block).toBeUndefined();
    expect(g.notices.join("\n")).toContain(`hook PreToolUse:function broken (plugin ${g.name}): plugin ${g.name}: hook function broken threw: guard crashed`);
  });

  test("a function's systemMessage reaches the person", async () => {
    const g = guardPlugin({ hooks: { Stop: [{ hooks: [{ type: "function", function: "note" }] }] } });
    await g.hooks().run("Stop", { session_id: "s", cwd: g.root, hook_event_name: "Stop" });
    expect(g.notices).toEqual(["saw Stop"]);
  });

  test("without a plugin host (no runtime) the kind is refused at load, saying what it needs", () => {
    const { defs } = readHooks(onWrite("guard").hooks, "settings.json");
    const notices: string[] = [];
    createHookRunner({ defs, projectDir: "/", notify: (l) => notices.push(l) });
    expect(notices[0]).toContain("function hooks need a plugin host");
  });
});
