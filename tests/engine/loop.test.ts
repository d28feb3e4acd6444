// The loop end to end against the fake API: streaming start before message_stop, real
// built-in tools across turns, changed-file attachments, max turns, interrupts, the
// Task sub-agent, and failures at the model boundary ending as data.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { builtinTools, createTaskTool } from "../../src/engine/index.ts";
import { createClient, type MessageSource, sdkSource } from "../../src/model/index.ts";
import type { AnthropicServer } from "../support/anthropic/index.ts";
import { createGate, text, toolUse } from "../support/anthropic/index.ts";
import { endOf, historyProblems, ofType, probeTool, resultText, run, startServer, toolResultsOf } from "./harness.ts";

let server: AnthropicServer;
let source: MessageSource;
beforeAll(async () => ({ server, source } = await startServer()));
afterAll(() => server.close());

const tmp = () => mkdtempSync(join(tmpdir(), "keel-engine-"));

describe("runAgent", () => {
  test("the streaming executor starts a tool before the model's message has ended", async () => {
    server.reset();
    const gate = createGate();
    let stopSeenAtStart: boolean | undefined;
    const tool = probeTool("early", {
      run: () => {
        const req = server.messageRequests()[0];
        stopSeenAtStart = req?.events.some((e) => e.event === "message_stop");
        gate.open(); // the server writes message_delta + message_stop only now
        return "started";
      },
    });
    // Should the tool not start early, the gate opens anyway after a while, and the check below fails.
    const fallback = setTimeout(() => gate.open(), 1500);
    server.enqueue({ content: [{ type: "tool_use", name: "early", input: { value: "x" } }, { type: "text", text: "still writing" }], hold: gate }, text("done"));
    const events = await run({ source, prompt: "go", tools: [tool], executor: "streaming" });
    clearTimeout(fallback);
    expect(stopSeenAtStart).toBe(false);
    expect(endOf(events).stop).toBe("success");
    // tool_start came before the first turn's turn_end (i.e. before the message closed).
    const types = events.map((e) => e.type);
    expect(types.indexOf("tool_start")).toBeLessThan(types.indexOf("turn_end"));
  });

  test("real Read / Edit tools across turns, with history the API accepts", async () => {
    server.reset();
    const dir = tmp();
    const file = join(dir, "a.txt");
    writeFileSync(file, "hello world\n");
    server.enqueue(
      toolUse("Read", { file_path: file }),
      toolUse("Edit", { file_path: file, old_string: "world", new_string: "keel" }),
      text("Edited."),
    );
    const events = await run({ source, prompt: "edit it", tools: builtinTools(), cwd: dir });
    expect(endOf(events)).toMatchObject({ stop: "success", result: "Edited.", numTurns: 3 });
    expect(readFileSync(file, "utf8")).toBe("hello keel\n");
    const reqs = server.messageRequests();
    expect(resultText(toolResultsOf(reqs[1]?.body)[0])).toContain("hello world");
    expect(toolResultsOf(reqs[2]?.body)[0].is_error).toBeUndefined();
    for (const r of reqs) expect(historyProblems(r.body.messages)).toEqual([]);
  });

  test("a file changed on disk after it was read is attached to the next call", async () => {
    server.reset();
    const dir = tmp();
    const file = join(dir, "notes.txt");
    writeFileSync(file, "v1\n");
    const touch = probeTool("touch", { run: () => (writeFileSync(file, "v2 changed elsewhere\n"), "ok") });
    server.enqueue(toolUse("Read", { file_path: file }), toolUse("touch", { value: "x" }), text("seen"));
    const events = await run({ source, prompt: "go", tools: [...builtinTools(), touch], cwd: dir });
    const third = server.messageRequests()[2]?.body;
    const last = third.messages.at(-1);
    const reminder = last.content.find((b: any) => b.type === "text");
    expect(reminder?.text).toContain("v2 changed elsewhere");
    expect(ofType(events, "attachment")).toHaveLength(1);
    expect(historyProblems(third.messages)).toEqual([]);
  });

  test("--max-turns stops a tool loop with error_max_turns and a valid history", async () => {
    server.reset();
    server.enqueue(toolUse("echo", { value: "1" }), toolUse("echo", { value: "2" }), toolUse("echo", { value: "3" }));
    const events = await run({ source, prompt: "loop", tools: [probeTool("echo")], maxTurns: 2 });
    const end = endOf(events);
    expect(end.stop).toBe("error_max_turns");
    expect(end.numTurns).toBe(2);
    expect(server.messageRequests()).toHaveLength(2);
    const history = ofType(events, "message").map((e) => e.message);
    expect(history.at(-1)?.role).toBe("user"); // the last calls still got their results
  });

  test("an interrupt during a tool aborts it, records it, and ends as interrupted", async () => {
    server.reset();
    const ac = new AbortController();
    const waiter = probeTool("wait", {
      run: (_i, signal) =>
        new Promise((resolve) => {
          signal.addEventListener("abort", () => resolve("aborted inside"));
          ac.abort();
        }),
    });
    server.enqueue(toolUse("wait", { value: "x" }));
    const events = await run({ source, prompt: "go", tools: [waiter], signal: ac.signal });
    expect(endOf(events).stop).toBe("interrupted");
    const [result] = ofType(events, "tool_result");
    expect(result).toMatchObject({ isError: true });
    expect(result?.content).toContain("interrupted");
    expect(ofType(events, "error").map((e) => e.kind)).toEqual(["aborted"]);
    expect(server.messageRequests()).toHaveLength(1);
  });

  test("an interrupt during the model call aborts the request", async () => {
    server.reset();
    const ac = new AbortController();
    const gate = createGate();
    server.enqueue({ content: "a long answer", hold: gate });
    const it = run({ source, prompt: "go", signal: ac.signal });
    // Abort once the server has started streaming.
    while (!server.messageRequests()[0]?.events.length) await Bun.sleep(1);
    ac.abort();
    const events = await it;
    expect(endOf(events).stop).toBe("interrupted");
    await server.messageRequests()[0]?.done;
    expect(server.messageRequests()[0]?.aborted).toBe(true);
    gate.open();
  });

  test("the Task tool runs a sub-agent with its own history and returns its final text", async () => {
    server.reset();
    const task = createTaskTool({ source, model: "claude-haiku-5-5", tools: [probeTool("echo", { readOnly: true })], maxTurns: 3 });
    server.enqueue(
      toolUse("Task", { description: "look around", prompt: "find the thing" }),
      toolUse("echo", { value: "inner" }),
      text("sub-agent found it"),
      text("parent done"),
    );
    const events = await run({ source, prompt: "delegate", tools: [task] });
    expect(endOf(events).result).toBe("parent done");
    const reqs = server.messageRequests();
    expect(reqs[1]?.body.messages[0].content[0].text).toBe("find the thing");
    expect(reqs[1]?.body.model).toBe("claude-haiku-5-5");
    expect(reqs[1]?.body.tools.map((t: any) => t.name)).toEqual(["echo"]);
    expect(resultText(toolResultsOf(reqs[3]?.body)[0])).toBe("sub-agent found it");
    // The session's usage counts all four calls, the sub-agent's two included.
    const sent = reqs.reduce((n, r) => n + (r.usage?.input_tokens ?? 0), 0);
    expect(endOf(events).usage.input_tokens).toBe(sent);
  });

  test("an unreachable endpoint is an error event naming ANTHROPIC_BASE_URL", async () => {
    const dead = await createClient({ apiKey: "k", baseURL: "http://127.0.0.1:9" });
    const events = await run({ source: sdkSource(dead), prompt: "hi", baseURL: "http://127.0.0.1:9" });
    expect(endOf(events).stop).toBe("error_during_execution");
    expect(ofType(events, "error")[0]).toMatchObject({ kind: "connection" });
    expect(endOf(events).error).toContain("ANTHROPIC_BASE_URL");
  });

  test("a rejected key is an error event naming ANTHROPIC_API_KEY", async () => {
    const bad = await createClient({ apiKey: "wrong", baseURL: server.url });
    const events = await run({ source: sdkSource(bad), prompt: "hi" });
    expect(ofType(events, "error")[0]).toMatchObject({ kind: "auth" });
    expect(endOf(events).error).toContain("ANTHROPIC_API_KEY");
  });

  test("a UserPromptSubmit hook adds context, or blocks the prompt before any call", async () => {
    server.reset();
    server.enqueue(text("ok"));
    const adding = { run: async (event: string) => (event === "UserPromptSubmit" ? { context: "extra context" } : {}) };
    await run({ source, prompt: "hi", hooks: adding });
    expect(server.messageRequests()[0]?.body.messages[0].content.map((b: any) => b.text)).toEqual(["hi", "extra context"]);

    server.reset();
    const blocking = { run: async (event: string) => (event === "UserPromptSubmit" ? { block: { reason: "not today" } } : {}) };
    const events = await run({ source, prompt: "hi", hooks: blocking });
    expect(endOf(events)).toMatchObject({ stop: "error_during_execution", numTurns: 0 });
    expect(endOf(events).error).toContain("not today");
    expect(server.messageRequests()).toHaveLength(0);
  });

  test("a resumed history is sent first and the new prompt follows it", async () => {
    server.reset();
    server.enqueue(text("second answer"));
    const history = [
      { role: "user" as const, content: [{ type: "text" as const, text: "first" }] },
      { role: "assistant" as const, content: [{ type: "text" as const, text: "first answer" }] },
    ];
    const events = await run({ source, prompt: "second", history, resumed: true });
    expect(ofType(events, "session_start")[0]?.resumed).toBe(true);
    const sent = server.messageRequests()[0]?.body.messages;
    expect(sent.map((m: any) => m.content[0].text)).toEqual(["first", "first answer", "second"]);
  });

  test("an 'ask' goes to the AskHandler: approved runs, refused does not; both are permission_request events", async () => {
    server.reset();
    const log: string[] = [];
    const tools = [probeTool("yes", { log }), probeTool("no", { log })];
    const asked: string[] = [];
    server.enqueue({ content: [{ type: "tool_use", name: "yes", input: { value: "1" } }, { type: "tool_use", name: "no", input: { value: "2" } }] }, text("ok"));
    const events = await run({
      source,
      prompt: "go",
      tools,
      gate: { check: () => ({ behavior: "ask", reason: "needs a human" }) },
      ask: async (req) => (asked.push(req.tool), req.tool === "yes" ? "allow" : "deny"),
    });
    expect(asked).toEqual(["yes", "no"]);
    expect(log).toEqual(["start yes 1", "end yes 1"]);
    expect(ofType(events, "permission_request").map((e) => [e.name, e.decision])).toEqual([
      ["yes", "allow"],
      ["no", "deny"],
    ]);
    const results = toolResultsOf(server.messageRequests()[1]?.body);
    expect(results[0].is_error).toBeUndefined();
    expect(resultText(results[1])).toContain("needs a human");
  });
});
