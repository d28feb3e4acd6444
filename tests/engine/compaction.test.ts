// Compression in the loop against the real test server: auto-compact past the threshold
// (and off means off), reactive compact on "prompt is too long", and the drain when even
// the summary request does not fit. PreCompact/PostCompact reach hooks.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { SUMMARY_INSTRUCTION } from "../../src/context/index.ts";
import type { HookRunner } from "../../src/engine/index.ts";
import type { MessageParam } from "../../src/model/index.ts";
import type { AnthropicServer } from "../support/anthropic/index.ts";
import { faults, text } from "../support/anthropic/index.ts";
import { endOf, ofType, run, startServer } from "./harness.ts";

let server: AnthropicServer;
let source: Awaited<ReturnType<typeof startServer>>["source"];
beforeAll(async () => ({ server, source } = await startServer()));
afterAll(() => server.close());

const big: MessageParam[] = [
  { role: "user", content: "please refactor the parser; never touch tests/" },
  { role: "assistant", content: [{ type: "tool_use", id: "t1", name: "Read", input: { file_path: "/p/parser.ts" } }] },
  { role: "user", content: [{ type: "tool_result", tool_use_id: "t1", content: "parser source ".repeat(2_000) }] },
  { role: "assistant", content: "read it" },
];
const asksForSummary = (body: any) => JSON.stringify(body.messages.at(-1)).includes("Write a handoff summary");
const hookLog = (log: string[]): HookRunner => ({ run: async (event) => (log.push(event), {}) });

describe("compaction in the loop", () => {
  test("auto-compact: past the threshold the model summarises first, then the call goes on over the summary", async () => {
    server.reset();
    server.enqueue(text("Goal: refactor the parser. User said: never touch tests/."), text("continuing"));
    const log: string[] = [];
    const events = await run({ source, prompt: "go on", history: big, compaction: { window: 10_000, threshold: 0.5 }, hooks: hookLog(log) });
    const [summaryReq, callReq] = server.messageRequests();
    expect(asksForSummary(summaryReq!.body)).toBe(true);
    expect(JSON.stringify(callReq!.body.messages)).toContain("Goal: refactor the parser. User said: never touch tests/.");
    expect(JSON.stringify(callReq!.body.messages)).not.toContain("parser source parser source");
    expect(ofType(events, "compaction")).toEqual([expect.objectContaining({ trigger: "auto" })]);
    const order = events.map((e) => e.type).filter((t) => t.startsWith("compaction"));
    expect(order).toEqual(["compaction_start", "compaction"]);
    const c = ofType(events, "compaction")[0]!;
    expect(c.after).toBeLessThan(c.before);
    expect(log).toContain("PreCompact");
    expect(log).toContain("PostCompact");
    expect(endOf(events).result).toBe("continuing");
  });

  test("auto off means off: no summary however large the history", async () => {
    server.reset();
    server.enqueue(text("answered"));
    const events = await run({ source, prompt: "go on", history: big, compaction: { window: 10_000, threshold: 0.5, auto: false } });
    expect(server.messageRequests()).toHaveLength(1);
    expect(ofType(events, "compaction").filter((c) => c.trigger === "auto")).toEqual([]);
  });

  test("reactive: 'prompt is too long' → summary → the same turn retried and answered", async () => {
    server.reset();
    server.enqueue(faults.promptTooLong(250_000, 200_000), text("summary of it"), text("answered after compacting"));
    const events = await run({ source, prompt: "next", history: big });
    expect(ofType(events, "compaction")).toEqual([expect.objectContaining({ trigger: "reactive" })]);
    expect(asksForSummary(server.messageRequests()[1]!.body)).toBe(true);
    expect(endOf(events)).toMatchObject({ stop: "success", result: "answered after compacting" });
  });

  test("layer 5: when the summary request is too long as well, old results are drained first", async () => {
    server.reset();
    server.enqueue(faults.promptTooLong(250_000, 200_000), faults.promptTooLong(210_000, 200_000), text("summary"), text("done"));
    const events = await run({ source, prompt: "next", history: big });
    const drained = server.messageRequests()[2]!.body;
    expect(asksForSummary(drained)).toBe(true);
    expect(JSON.stringify(drained.messages)).not.toContain("parser source parser source");
    expect(endOf(events)).toMatchObject({ stop: "success", result: "done" });
  });

  test(`the summary instruction asks for goal, decisions, files, todos and the user's instructions`, () => {
    for (const part of ["Goal", "Decisions", "Files", "Open todo items", "instructions"]) expect(SUMMARY_INSTRUCTION).toContain(part);
  });
});
