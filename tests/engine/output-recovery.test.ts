// Recovery layer 3: a reply cut off by max_tokens is continued as a prefill under a raised
// ceiling (8K → 64K), at most three times; the parts become one message, recorded once.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { MAX_OUTPUT_RECOVERIES, RAISED_MAX_TOKENS } from "../../src/engine/turn.ts";
import type { AnthropicServer } from "../support/anthropic/index.ts";
import { text } from "../support/anthropic/index.ts";
import { endOf, ofType, run, startServer } from "./harness.ts";

let server: AnthropicServer;
let source: Awaited<ReturnType<typeof startServer>>["source"];
beforeAll(async () => ({ server, source } = await startServer()));
afterAll(() => server.close());

/** About `tokens` tokens of prose (the server counts ceil(bytes / 4)). */
const prose = (tokens: number, tag: string) => `${tag} `.padEnd(tokens * 4, "lorem ipsum ");

describe("max_tokens recovery", () => {
  test("cut at 8K: continued once under 64K; one merged message; the prefill has no trailing space", async () => {
    server.reset();
    server.enqueue(text(prose(9000, "start"), { chunkSize: 20_000 }), text(" …and the end.", { chunkSize: 20_000 }));
    const events = await run({ source, prompt: "write a lot" });
    const [first, second] = server.messageRequests();
    expect(first!.body.max_tokens).toBe(8192);
    expect(second!.body.max_tokens).toBe(RAISED_MAX_TOKENS);
    const prefill = second!.body.messages.at(-1);
    expect(prefill.role).toBe("assistant");
    expect(prefill.content[0].text).toMatch(/\S$/);
    expect(ofType(events, "retry")).toEqual([expect.objectContaining({ attempt: 1, reason: expect.stringContaining("hit max_tokens") })]);
    const assistants = ofType(events, "message").filter((m) => m.message.role === "assistant");
    expect(assistants).toHaveLength(1);
    const merged = (assistants[0]!.message.content as Array<{ text: string }>)[0]!.text;
    expect(merged.startsWith("start ")).toBe(true);
    expect(merged).toBe(`${prefill.content[0].text} …and the end.`);
    expect(endOf(events)).toMatchObject({ stop: "success", result: merged });
  });

  test(`cut every time: at most ${MAX_OUTPUT_RECOVERIES} continuations, then the run ends with what it has`, async () => {
    server.reset();
    server.enqueue(text(prose(9000, "a"), { chunkSize: 100_000 }));
    for (let i = 0; i < 4; i++) server.enqueue(text(prose(RAISED_MAX_TOKENS + 10, `b${i}`), { chunkSize: 100_000 }));
    const events = await run({ source, prompt: "never stop" });
    expect(ofType(events, "retry").map((r) => r.attempt)).toEqual([1, 2, 3]);
    expect(server.messageRequests()).toHaveLength(1 + MAX_OUTPUT_RECOVERIES);
    expect(ofType(events, "message").filter((m) => m.message.role === "assistant")).toHaveLength(1);
    expect(endOf(events).stop).toBe("success");
  });
});
