// Recovery layers 1–2: the retry decision as a table, then the engine against scripted
// faults of the test server — nothing in the history is lost or duplicated by a retry.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { type ModelErrorInfo, nextDelay, serverAdvice, UNATTENDED_RETRY } from "../../src/model/index.ts";
import { endOf, ofType, probeTool, run, startServer } from "../engine/harness.ts";
import { type AnthropicServer, faults, text, toolUse } from "../support/anthropic/index.ts";

const headers = (h: Record<string, string>) => new Headers(h);
const info = (kind: ModelErrorInfo["kind"], retryable = true): ModelErrorInfo => ({ kind, message: kind, retryable });
const P = { maxRetries: 3, maxOverloaded: 2, maxConnectionRetries: 1, baseDelayMs: 100, maxDelayMs: 1000, random: () => 1, now: Date.now };

describe("retry decision", () => {
  test.each([
    ["retry-after-ms wins", info("rate_limit"), { "retry-after-ms": "250", "retry-after": "9" }, 0, 0, 250],
    ["retry-after in seconds", info("rate_limit"), { "retry-after": "2" }, 0, 0, 1000],
    ["exponential backoff, capped", info("server"), {}, 2, 0, 400],
    ["a server's long retry-after is capped at maxDelayMs", info("rate_limit"), { "retry-after": "60" }, 0, 0, 1000],
    ["x-should-retry false stops", info("server"), { "x-should-retry": "false" }, 0, 0, undefined],
    ["x-should-retry true retries what would not be", info("invalid_request", false), { "x-should-retry": "true" }, 0, 0, 100],
    ["a bad request is not retried", info("invalid_request", false), {}, 0, 0, undefined],
    ["transient retries run out", info("server"), {}, 3, 0, undefined],
    ["connection failures have a short budget", info("connection"), {}, 1, 0, undefined],
    ["one connection retry is allowed", info("connection"), {}, 0, 0, 100],
    ["529 has its own counter", info("overloaded"), {}, 3, 1, 200],
    ["529 gives up after maxOverloaded in a row", info("overloaded"), {}, 0, 2, undefined],
  ] as const)("%s", (...row) => {
    const [, i, h, transient, overloaded, want] = row as unknown as [string, ModelErrorInfo, Record<string, string>, number, number, number | undefined];
    expect(nextDelay(i, headers(h), { transient, overloaded }, P)).toBe(want);
  });

  test("retry-after as an HTTP date", () => {
    const now = Date.parse("2026-11-24T10:00:00Z");
    expect(serverAdvice(headers({ "retry-after": "Tue, 24 Nov 2026 10:00:03 GMT" }), now)).toEqual({ delayMs: 3000 });
  });
});

describe("the engine retries before the stream opens", () => {
  let server: AnthropicServer;
  let source: Awaited<ReturnType<typeof startServer>>["source"];
  beforeAll(async () => ({ server, source } = await startServer()));
  afterAll(() => server.close());
  const fast = { baseDelayMs: 1, maxDelayMs: 50, random: () => 0 };

  test("529 twice, then success: two retry events, one reply, no duplicate in the history", async () => {
    server.reset();
    server.enqueue(faults.overloaded(), faults.overloaded(), text("finally"));
    const events = await run({ source, prompt: "hi", retry: fast });
    expect(endOf(events)).toMatchObject({ stop: "success", result: "finally" });
    expect(ofType(events, "retry").map((r) => r.attempt)).toEqual([1, 2]);
    expect(ofType(events, "message").map((m) => m.message.role)).toEqual(["user", "assistant"]);
    expect(server.messageRequests().length).toBe(3);
  });

  test("429 honours retry-after-ms", async () => {
    server.reset();
    server.enqueue(faults.rateLimited({ retryAfterMs: 30 }), text("ok"));
    const events = await run({ source, prompt: "hi", retry: fast });
    expect(ofType(events, "retry")).toEqual([expect.objectContaining({ delayMs: 30, reason: expect.stringContaining("rate limited (429)") })]);
    expect(endOf(events).stop).toBe("success");
  });

  test("529 forever: gives up after the 529 limit with the overloaded error", async () => {
    server.reset();
    server.enqueue(faults.overloaded(), faults.overloaded(), faults.overloaded(), faults.overloaded());
    const events = await run({ source, prompt: "hi", retry: { ...fast, maxOverloaded: 2 } });
    expect(ofType(events, "retry").length).toBe(2);
    expect(ofType(events, "error")).toEqual([expect.objectContaining({ kind: "overloaded" })]);
    expect(endOf(events).stop).toBe("error_during_execution");
  });

  test("x-should-retry: false is obeyed", async () => {
    server.reset();
    server.enqueue(faults.apiError({ shouldRetry: false }), text("never"));
    const events = await run({ source, prompt: "hi", retry: fast });
    expect(ofType(events, "retry")).toEqual([]);
    expect(endOf(events).stop).toBe("error_during_execution");
  });

  test("an interrupt during the backoff ends the wait at once", async () => {
    server.reset();
    server.enqueue(faults.rateLimited({ retryAfterMs: 30_000 }), text("too late"));
    const ac = new AbortController();
    const pending = run({ source, prompt: "hi", signal: ac.signal, retry: { maxDelayMs: 60_000 } });
    await server.waitForRequests(1);
    await Bun.sleep(20);
    ac.abort();
    const events = await pending;
    expect(endOf(events).stop).toBe("interrupted");
    expect(server.messageRequests().length).toBe(1);
  });

  test("layer 6: 529s that outlast their counter switch to the fallback model, announced, for the rest of the run", async () => {
    server.reset();
    server.enqueue(faults.overloaded(), faults.overloaded(), toolUse("Noop", { value: "x" }), text("done on the fallback"));
    const events = await run({ source, prompt: "hi", tools: [probeTool("Noop")], retry: { ...fast, maxOverloaded: 1, fallbackModel: "claude-fallback-1" } });
    expect(endOf(events)).toMatchObject({ stop: "success", result: "done on the fallback" });
    expect(ofType(events, "retry").map((r) => r.reason)).toEqual([expect.stringContaining("overloaded"), "claude-sonnet-5-5 stays overloaded: switching to claude-fallback-1"]);
    expect(server.messageRequests().map((r) => r.body.model)).toEqual(["claude-sonnet-5-5", "claude-sonnet-5-5", "claude-fallback-1", "claude-fallback-1"]);
  });

  test("layer 6 does not loop: a fallback that is overloaded too ends the run", async () => {
    server.reset();
    for (let i = 0; i < 6; i++) server.enqueue(faults.overloaded());
    const events = await run({ source, prompt: "hi", retry: { ...fast, maxOverloaded: 1, fallbackModel: "claude-fallback-1" } });
    expect(endOf(events).stop).toBe("error_during_execution");
    expect(server.messageRequests().map((r) => r.body.model)).toEqual(["claude-sonnet-5-5", "claude-sonnet-5-5", "claude-fallback-1", "claude-fallback-1"]);
  });

  test("layer 7: unattended retrying keeps going, then gives up once the time limit would pass", async () => {
    server.reset();
    for (let i = 0; i < 20; i++) server.enqueue(faults.overloaded());
    let clock = 0;
    const now = () => (clock += 1000);
    const events = await run({ source, prompt: "hi", retry: { ...fast, ...UNATTENDED_RETRY, baseDelayMs: 1, maxDelayMs: 2, giveUpAfterMs: 5_500, now } });
    expect(ofType(events, "retry").length).toBeGreaterThanOrEqual(4);
    expect(server.messageRequests().length).toBeLessThan(20);
    expect(endOf(events).stop).toBe("error_during_execution");
  });

  test("a stream cut mid-reply (dropped connection) is asked for again; the message is recorded once", async () => {
    server.reset();
    server.enqueue(faults.drop(4, text("this reply gets cut somewhere in the middle")), text("the whole reply"));
    const events = await run({ source, prompt: "hi", retry: fast });
    expect(endOf(events)).toMatchObject({ stop: "success", result: "the whole reply" });
    expect(ofType(events, "retry")).toEqual([expect.objectContaining({ reason: expect.stringContaining("cut off; asking again") })]);
    expect(ofType(events, "message").filter((m) => m.message.role === "assistant")).toHaveLength(1);
  });

  test("an error event mid-stream (overloaded) is asked for again too", async () => {
    server.reset();
    server.enqueue(faults.streamError(4, { reply: text("partial answer that breaks") }), text("complete answer"));
    const events = await run({ source, prompt: "hi", retry: fast });
    expect(endOf(events)).toMatchObject({ stop: "success", result: "complete answer" });
  });

  test("a cut after a tool has started is not retried (the tool must not run twice)", async () => {
    server.reset();
    const log: string[] = [];
    // Whole chunks: message_start, ping, text start/delta/stop, tool start/delta/stop = 8 events,
    // then the cut — after the tool's block completed (so it started), before message_delta.
    server.enqueue(faults.drop(8, toolUse("Noop", { value: "once" }, { before: "let me run it", chunkSize: 10_000 })), text("never"));
    const events = await run({ source, prompt: "hi", tools: [probeTool("Noop", { log })], retry: fast });
    expect(log.filter((l) => l.startsWith("start"))).toEqual(["start Noop once"]);
    expect(ofType(events, "retry")).toEqual([]);
    expect(endOf(events).stop).toBe("error_during_execution");
  });
});
