// Each scripted fault surfaces through the real SDK as the error a real API failure would give:
// HTTP statuses with error bodies and retry headers, an error event mid-stream, a dropped socket.
import Anthropic from "@anthropic-ai/sdk";
import { describe, expect, test } from "bun:test";
import { faults, startAnthropicServer, text } from "../support/anthropic/index.ts";
import { ask, useServer } from "./fixture.ts";

const fx = useServer();

describe("HTTP faults", () => {
  const cases = [
    { name: "429 rate limit", reply: () => faults.rateLimited({ retryAfterS: 3, retryAfterMs: 2500 }), status: 429, type: "rate_limit_error", cls: Anthropic.RateLimitError },
    { name: "529 overloaded", reply: () => faults.overloaded(), status: 529, type: "overloaded_error", cls: Anthropic.InternalServerError },
    { name: "500 api error", reply: () => faults.apiError(), status: 500, type: "api_error", cls: Anthropic.InternalServerError },
    { name: "413 too large", reply: () => faults.requestTooLarge(), status: 413, type: "request_too_large", cls: Anthropic.APIError },
    { name: "400 prompt too long", reply: () => faults.promptTooLong(250_000, 200_000), status: 400, type: "invalid_request_error", cls: Anthropic.BadRequestError },
  ];
  for (const c of cases) {
    for (const streaming of [false, true]) {
      test(`${c.name} (${streaming ? "stream" : "create"})`, async () => {
        fx.srv.enqueue(c.reply());
        const call = streaming ? fx.client.messages.stream(ask("x")).finalMessage() : fx.client.messages.create(ask("x"));
        const error = await call.catch((e) => e);
        expect(error).toBeInstanceOf(c.cls);
        expect(error.status).toBe(c.status);
        expect(error.type).toBe(c.type);
        expect(error.requestID).toMatch(/^req_011C/);
        expect(error.error).toMatchObject({ type: "error", error: { type: c.type } });
        expect(fx.srv.requests[0]!.status).toBe(c.status);
      });
    }
  }

  test("429 carries retry-after and retry-after-ms", async () => {
    fx.srv.enqueue(faults.rateLimited({ retryAfterS: 3, retryAfterMs: 2500 }));
    const error = await fx.client.messages.create(ask("x")).catch((e) => e);
    expect(error.headers.get("retry-after")).toBe("3");
    expect(error.headers.get("retry-after-ms")).toBe("2500");
  });

  test("prompt too long uses the API's wording", async () => {
    fx.srv.enqueue(faults.promptTooLong(250_000, 200_000));
    const error = await fx.client.messages.create(ask("x")).catch((e) => e);
    expect(error.apiMessage).toBe("prompt is too long: 250000 tokens > 200000 maximum");
  });

  test("contextWindow rejects a prompt over it with the real count", async () => {
    const local = await startAnthropicServer({ contextWindow: 10 });
    try {
      const c = new Anthropic({ baseURL: local.url, apiKey: "k", maxRetries: 0 });
      const error = await c.messages.create(ask("a question long enough to pass ten tokens")).catch((e) => e);
      expect(error).toBeInstanceOf(Anthropic.BadRequestError);
      expect(error.apiMessage).toMatch(/^prompt is too long: \d+ tokens > 10 maximum$/);
    } finally {
      await local.close();
    }
  });

  test("x-should-retry: false stops the SDK's retry; true makes it retry a 400", async () => {
    const retrying = new Anthropic({ baseURL: fx.srv.url, apiKey: "k", maxRetries: 1 });
    fx.srv.enqueue(faults.overloaded({ shouldRetry: false }), text("unused"));
    expect(await retrying.messages.create(ask("x")).catch((e) => e)).toBeInstanceOf(Anthropic.InternalServerError);
    expect(fx.srv.messageRequests().length).toBe(1);

    fx.srv.reset();
    fx.srv.enqueue(faults.invalidRequest("try again", { shouldRetry: true, headers: { "retry-after-ms": "1" } }), text("second time"));
    const msg = await retrying.messages.create(ask("x"));
    expect(msg.content[0]).toMatchObject({ text: "second time" });
    expect(fx.srv.messageRequests().length).toBe(2);
  });
});

describe("stream faults", () => {
  test("an error event mid-stream raises an APIError with the error type and no status", async () => {
    fx.srv.enqueue(faults.streamError(4, { reply: text("partial answer here", { chunkSize: 4 }) }));
    const stream = fx.client.messages.stream(ask("x"));
    const texts: string[] = [];
    stream.on("text", (t) => texts.push(t));
    const error = await stream.finalMessage().catch((e) => e);
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect(error.status).toBeUndefined();
    expect(error.type).toBe("overloaded_error");
    // message_start, ping, content_block_start, one text delta, then the error.
    expect(texts).toEqual(["part"]);
    expect(fx.srv.requests[0]!.events.map((e) => e.event)).toEqual([
      "message_start",
      "ping",
      "content_block_start",
      "content_block_delta",
      "error",
    ]);
  });

  test("a stream error on a non-streaming request is the matching HTTP error", async () => {
    fx.srv.enqueue(faults.streamError(2));
    const error = await fx.client.messages.create(ask("x")).catch((e) => e);
    expect(error.status).toBe(529);
    expect(error.type).toBe("overloaded_error");
  });

  test("a dropped connection mid-stream fails the stream without a message_stop", async () => {
    fx.srv.enqueue(faults.drop(3, text("never finished")));
    const stream = fx.client.messages.stream(ask("x"));
    const seen: string[] = [];
    stream.on("streamEvent", (e) => seen.push(e.type));
    const error = await stream.finalMessage().catch((e) => e);
    expect(error).toBeInstanceOf(Anthropic.AnthropicError);
    expect(error).not.toBeInstanceOf(Anthropic.APIError);
    expect(String(error.message)).toMatch(/ECONNRESET|closed|terminated/i);
    expect(seen).toEqual(["message_start", "content_block_start"]);
    await fx.srv.requests[0]!.done;
    expect(fx.srv.requests[0]!.events.map((e) => e.event)).toEqual(["message_start", "ping", "content_block_start"]);
  });

  test("a connection dropped before any response is an APIConnectionError", async () => {
    fx.srv.enqueue(faults.drop(0));
    const error = await fx.client.messages.create(ask("x")).catch((e) => e);
    expect(error).toBeInstanceOf(Anthropic.APIConnectionError);
    expect(fx.srv.requests[0]!.status).toBe(0);
  });
});

describe("bad requests", () => {
  test("a body without max_tokens is a 400 naming the field", async () => {
    const res = await fetch(`${fx.srv.url}/v1/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ model: "m", messages: [] }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ type: "error", error: { type: "invalid_request_error", message: "max_tokens: Field required" } });
    expect(fx.srv.pending).toBe(0);
  });

  test("an unknown path is a 404 not_found_error", async () => {
    const res = await fetch(`${fx.srv.url}/v1/nope`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { type: "not_found_error" } });
  });

  test("a rejected request does not use up a scripted reply", async () => {
    fx.srv.enqueue(text("kept"));
    await fetch(`${fx.srv.url}/v1/messages`, { method: "POST", body: "not json" });
    expect(fx.srv.pending).toBe(1);
    expect((await fx.client.messages.create(ask("x"))).content[0]).toMatchObject({ text: "kept" });
  });
});
