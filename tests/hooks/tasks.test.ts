// TaskCreated / TaskCompleted around the real TodoWrite tool in the agent loop: one event
// per new item and per item that became completed, with stable ids; a blocking hook keeps
// the change out of the list and the model reads the hook's reason in the tool result.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { builtinTools, todosOf } from "../../src/tools/index.ts";
import { endOf, resultText, run, startServer, toolResultsOf } from "../engine/harness.ts";
import { type AnthropicServer, text, toolUse } from "../support/anthropic/index.ts";
import { fixture, merge, on } from "./helpers.ts";

let server: AnthropicServer;
let source: Awaited<ReturnType<typeof startServer>>["source"];
beforeAll(async () => ({ server, source } = await startServer()));
afterAll(() => server.close());

const tools = builtinTools().filter((t) => t.name === "TodoWrite");
const todo = (content: string, status: "pending" | "in_progress" | "completed") => ({ content, status, activeForm: `doing ${content}` });
const write = (...todos: ReturnType<typeof todo>[]) => toolUse("TodoWrite", { todos });
const brief = (p: Record<string, unknown>) => [p.task_id, p.content, p.status];

describe("TaskCreated / TaskCompleted", () => {
  test("each new item fires TaskCreated once, each item that becomes completed fires TaskCompleted once", async () => {
    server.reset();
    const f = fixture();
    const created = f.recorder("created");
    const completed = f.recorder("completed");
    server.enqueue(
      write(todo("parse", "in_progress"), todo("test", "pending")),
      write(todo("parse", "completed"), todo("test", "in_progress"), todo("ship", "pending")),
      write(todo("parse", "completed"), todo("test", "completed"), todo("ship", "pending")),
      text("done"),
    );
    const hooks = f.runner(merge(on("TaskCreated", created.command), on("TaskCompleted", completed.command)));
    expect(endOf(await run({ source, cwd: f.dir, prompt: "go", tools, hooks })).stop).toBe("success");
    expect(created.heard().map(brief)).toEqual([
      ["1", "parse", "in_progress"],
      ["2", "test", "pending"],
      ["3", "ship", "pending"],
    ]);
    expect(completed.heard().map(brief)).toEqual([
      ["1", "parse", "completed"],
      ["2", "test", "completed"],
    ]);
    expect(created.heard()[0]).toMatchObject({ hook_event_name: "TaskCreated", session_id: "s-test", task_subject: "parse", active_form: "doing parse" });
    expect(completed.heard()[0]).toMatchObject({ hook_event_name: "TaskCompleted", task_subject: "parse" });
  });

  test("a TaskCompleted hook that exits 2 keeps the item in progress; its stderr reaches the model", async () => {
    server.reset();
    const f = fixture();
    const gate = f.script("gate.sh", "echo 'the tests still fail' >&2; exit 2");
    const store = new Map<string, unknown>();
    server.enqueue(write(todo("fix bug", "in_progress")), write(todo("fix bug", "completed"), todo("docs", "pending")), text("ok"));
    await run({ source, cwd: f.dir, prompt: "go", tools, hooks: f.runner(on("TaskCompleted", gate)), store });
    expect(todosOf(store)).toEqual([todo("fix bug", "in_progress"), todo("docs", "pending")]);
    const result = toolResultsOf(server.messageRequests()[2]!.body)[0];
    expect(result.is_error).toBeUndefined();
    expect(resultText(result)).toContain('A TaskCompleted hook kept the task "fix bug" from being completed: the tests still fail');
    expect(resultText(result)).toContain('"fix bug" stays in_progress');
  });

  test("a reverted item yields the one in_progress slot to the item the model started", async () => {
    server.reset();
    const f = fixture();
    const gate = f.script("gate.sh", "exit 2");
    const store = new Map<string, unknown>();
    server.enqueue(write(todo("a", "in_progress"), todo("b", "pending")), write(todo("a", "completed"), todo("b", "in_progress")), text("ok"));
    await run({ source, cwd: f.dir, prompt: "go", tools, hooks: f.runner(on("TaskCompleted", gate)), store });
    expect(todosOf(store)).toEqual([todo("a", "pending"), todo("b", "in_progress")]);
  });

  test('a TaskCreated hook that blocks ({"decision":"block"}) drops the item, and the model hears why', async () => {
    server.reset();
    const f = fixture();
    const gate = f.script("gate.sh", `if grep -q '"content":"deploy"' ; then echo '{"decision":"block","reason":"no deploys on Friday"}'; fi`);
    const store = new Map<string, unknown>();
    server.enqueue(write(todo("build", "in_progress"), todo("deploy", "pending")), text("ok"));
    await run({ source, cwd: f.dir, prompt: "go", tools, hooks: f.runner(on("TaskCreated", gate)), store });
    expect(todosOf(store)).toEqual([todo("build", "in_progress")]);
    expect(resultText(toolResultsOf(server.messageRequests()[1]!.body)[0])).toContain('A TaskCreated hook refused the task "deploy"; it is not on the list: no deploys on Friday');
  });

  test("a TodoWrite the tool refuses (two in progress) fires nothing", async () => {
    server.reset();
    const f = fixture();
    const created = f.recorder("created");
    server.enqueue(write(todo("a", "in_progress"), todo("b", "in_progress")), text("ok"));
    await run({ source, cwd: f.dir, prompt: "go", tools, hooks: f.runner(on("TaskCreated", created.command)) });
    expect(created.heard()).toEqual([]);
  });
});
