// The fake Anthropic server driven by the real @anthropic-ai/sdk: streamed and non-streamed
// messages, tool_use input assembled from input_json_delta, thinking + signature, pings, the hold
// gate, max_tokens, count_tokens, auth and request recording.
import Anthropic from "@anthropic-ai/sdk";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "bun:test";
import {
  countInputTokens,
  createGate,
  echo,
  startAnthropicServer,
  text,
  toolUse,
  type AnthropicServer,
} from "../support/anthropic/index.ts";

let srv: AnthropicServer;
let client: Anthropic;
const MODEL = "claude-test-1";
const ask = (content: string) => ({ model: MODEL, max_tokens: 1024, messages: [{ role: "user" as const, content }] });

beforeAll(async () => {
  srv = await startAnthropicServer();
  client = new Anthropic({ baseURL: srv.url, apiKey: "test-key", maxRetries: 0 });
});
afterAll(() => srv.close());
beforeEach(() => srv.reset());

describe("streaming", () => {
  test("text arrives as several text_delta chunks and assembles into the final message", async () => {
    const answer = "Hello there — a streamed answer with ünïcode 🙂.";
    srv.enqueue(text(answer, { chunkSize: 5 }));
    const stream = client.messages.stream(ask("hi"));
    const pieces: string[] = [];
    stream.on("text", (t) => pieces.push(t));
    const msg = await stream.finalMessage();

    expect(msg.content).toEqual([{ type: "text", text: answer } as any]);
    expect(pieces.length).toBe(Math.ceil(Array.from(answer).length / 5));
    expect(pieces.join("")).toBe(answer);
    expect(msg.id).toMatch(/^msg_01[0-9A-Za-z]{22}$/);
    expect(msg.stop_reason).toBe("end_turn");
    expect(msg.model).toBe(MODEL);
    expect(msg.usage.input_tokens).toBe(countInputTokens(ask("hi")));
    expect(msg.usage.output_tokens).toBe(Math.ceil(Buffer.byteLength(answer) / 4));

    const events = srv.requests[0]!.events.map((e) => e.event);
    expect(events.slice(0, 3)).toEqual(["message_start", "ping", "content_block_start"]);
    expect(events.slice(-3)).toEqual(["content_block_stop", "message_delta", "message_stop"]);
  });

  test("tool_use input is streamed as partial JSON fragments the SDK assembles", async () => {
    const input = { command: "ls -la \"/tmp/a b\"", timeout: 30, env: { A: "1", B: ["x", "y"] } };
    srv.enqueue(toolUse("bash", input, { chunkSize: 7, before: "Let me look." }));
    const stream = client.messages.stream({ ...ask("list"), tools: [{ name: "bash", input_schema: { type: "object" } }] });
    const fragments: string[] = [];
    stream.on("inputJson", (partial) => fragments.push(partial));
    const msg = await stream.finalMessage();

    expect(msg.stop_reason).toBe("tool_use");
    const block = msg.content[1]!;
    expect(block.type).toBe("tool_use");
    if (block.type !== "tool_use") throw new Error("unreachable");
    expect(block.input).toEqual(input);
    expect(block.name).toBe("bash");
    expect(block.id).toMatch(/^toolu_01[0-9A-Za-z]{22}$/);
    expect(fragments.length).toBe(Math.ceil(JSON.stringify(input).length / 7));
    expect(fragments.join("")).toBe(JSON.stringify(input));
  });

  test("thinking streams thinking_delta then a signature_delta", async () => {
    srv.enqueue({
      content: [
        { type: "thinking", thinking: "The user greets me; answer briefly.", signature: "sig-abc" },
        { type: "text", text: "Hi!" },
      ],
      chunkSize: 8,
    });
    const stream = client.messages.stream({ ...ask("hello"), thinking: { type: "enabled", budget_tokens: 1024 } } as any);
    const signatures: string[] = [];
    stream.on("signature", (s) => signatures.push(s));
    const msg = await stream.finalMessage();

    expect(msg.content[0]).toEqual({ type: "thinking", thinking: "The user greets me; answer briefly.", signature: "sig-abc" });
    expect(msg.content[1]).toMatchObject({ type: "text", text: "Hi!" });
    expect(signatures).toEqual(["sig-abc"]);
  });

  test("a generated signature looks like base64", async () => {
    srv.enqueue({ content: [{ type: "thinking", thinking: "hmm" }, { type: "text", text: "ok" }] });
    const msg = await client.messages.stream(ask("x")).finalMessage();
    const block = msg.content[0]!;
    if (block.type !== "thinking") throw new Error(`expected thinking, got ${block.type}`);
    expect(block.signature).toMatch(/^[A-Za-z0-9+/]{40,}={0,2}$/);
  });

  test("pings between every event are tolerated", async () => {
    srv.enqueue(text("one two three four", { chunkSize: 3, pingEvery: 1 }));
    const msg = await client.messages.stream(ask("p")).finalMessage();
    expect(msg.content).toMatchObject([{ type: "text", text: "one two three four" }]);
    const events = srv.requests[0]!.events.map((e) => e.event);
    const nonPing = events.filter((e) => e !== "ping").length;
    // One ping after message_start plus one after every content event.
    expect(events.filter((e) => e === "ping").length).toBe(1 + nonPing - 3);
  });

  test("the hold gate keeps message_delta and message_stop back until opened", async () => {
    const gate = createGate();
    srv.enqueue(toolUse("read", { path: "a.txt" }, { hold: gate }));
    const stream = client.messages.stream(ask("read it"));
    const seen: string[] = [];
    const toolBlockDone = new Promise<unknown>((resolve) =>
      stream.on("streamEvent", (event, snapshot) => {
        seen.push(event.type);
        if (event.type === "content_block_stop") resolve(snapshot.content[event.index]);
      }),
    );
    const block = await toolBlockDone;
    expect(block).toMatchObject({ type: "tool_use", name: "read", input: { path: "a.txt" } });
    expect(seen).not.toContain("message_delta");
    expect(seen).not.toContain("message_stop");
    // Without the hold the server would have written everything by now (no delays are set).
    expect(srv.requests[0]!.events.map((e) => e.event)).not.toContain("message_delta");
    expect(stream.ended).toBe(false);
    expect(gate.isOpen).toBe(false);

    gate.open();
    const msg = await stream.finalMessage();
    expect(msg.stop_reason).toBe("tool_use");
    expect(seen.slice(-2)).toEqual(["message_delta", "message_stop"]);
    const events = srv.requests[0]!.events;
    const stopAt = events.find((e) => e.event === "content_block_stop")!.at;
    expect(events.find((e) => e.event === "message_stop")!.at).toBeGreaterThanOrEqual(stopAt);
  });

  test("max_tokens cuts the text and says so", async () => {
    const long = "word ".repeat(40);
    srv.enqueue(text(long));
    const msg = await client.messages.stream({ ...ask("long"), max_tokens: 5 }).finalMessage();
    expect(msg.stop_reason).toBe("max_tokens");
    const out = msg.content[0]!;
    if (out.type !== "text") throw new Error("expected text");
    expect(out.text).toBe(long.slice(0, 20));
    expect(msg.usage.output_tokens).toBe(5);
  });

  test("an explicit stop_reason is reported as scripted", async () => {
    srv.enqueue(text("cut", { stopReason: "max_tokens" }));
    const msg = await client.messages.stream(ask("x")).finalMessage();
    expect(msg.stop_reason).toBe("max_tokens");
  });
});

describe("non-streaming and helpers", () => {
  test("messages.create gets one JSON Message", async () => {
    srv.enqueue(toolUse("glob", { pattern: "**/*.ts" }, { id: "toolu_fixed" }));
    const msg = await client.messages.create(ask("find ts"));
    expect(msg.content).toEqual([{ type: "tool_use", id: "toolu_fixed", name: "glob", input: { pattern: "**/*.ts" } } as any]);
    expect(msg.stop_reason).toBe("tool_use");
    expect(srv.requests[0]!.events).toEqual([]);
    expect(srv.requests[0]!.body.stream).toBeUndefined();
  });

  test("count_tokens uses the same estimate (hand-computed for one short message)", async () => {
    // 'user {"text":"hi","type":"text"}' is 32 bytes → 8 tokens.
    const counted = await client.messages.countTokens({ model: MODEL, messages: [{ role: "user", content: "hi" }] });
    expect(counted.input_tokens).toBe(8);
    const body = { ...ask("a longer question"), system: "You are terse.", tools: [{ name: "t", input_schema: { type: "object" as const } }] };
    const { max_tokens: _m, ...countBody } = body;
    expect((await client.messages.countTokens(countBody)).input_tokens).toBe(countInputTokens(body));
    expect(srv.pending).toBe(0);
  });

  test("a respond fallback serves a long scripted session after the queue runs out", async () => {
    const local = await startAnthropicServer({ respond: echo });
    try {
      const c = new Anthropic({ baseURL: local.url, apiKey: "k", maxRetries: 0 });
      local.enqueue(text("first"));
      const replies: string[] = [];
      for (let turn = 0; turn < 50; turn++) {
        const msg = await c.messages.create(ask(`turn ${turn}`));
        replies.push((msg.content[0] as { text: string }).text);
      }
      expect(replies[0]).toBe("first");
      expect(replies[49]).toBe("echo: turn 49");
      expect(local.messageRequests().length).toBe(50);
    } finally {
      await local.close();
    }
  });

  test("an enqueued function sees the request", async () => {
    srv.enqueue((req) => text(`you sent ${req.body.messages.length} message(s)`));
    const msg = await client.messages.create(ask("x"));
    expect(msg.content[0]).toMatchObject({ text: "you sent 1 message(s)" });
  });

  test("models.list answers from the configured model ids", async () => {
    const local = await startAnthropicServer({ models: ["claude-a", "claude-b"] });
    try {
      const c = new Anthropic({ baseURL: local.url, apiKey: "k", maxRetries: 0 });
      const ids: string[] = [];
      for await (const model of c.models.list()) ids.push(model.id);
      expect(ids).toEqual(["claude-a", "claude-b"]);
    } finally {
      await local.close();
    }
  });

  test("nothing scripted gives a 500 that says so", async () => {
    const error = await client.messages.create(ask("x")).catch((e) => e);
    expect(error).toBeInstanceOf(Anthropic.InternalServerError);
    expect(error.apiMessage).toContain("nothing scripted for request #0");
  });
});

describe("auth and recording", () => {
  test("Authorization: Bearer and x-api-key both pass; a wrong or missing key is a 401", async () => {
    const local = await startAnthropicServer({ apiKey: "sekret", respond: echo });
    try {
      const bearer = new Anthropic({ baseURL: local.url, apiKey: "sekret", maxRetries: 0 });
      expect((await bearer.messages.create(ask("a"))).content[0]).toMatchObject({ text: "echo: a" });

      const viaHeader = await fetch(`${local.url}/v1/messages`, {
        method: "POST",
        headers: { "x-api-key": "sekret", "content-type": "application/json", "anthropic-version": "2023-06-01" },
        body: JSON.stringify(ask("b")),
      });
      expect(viaHeader.status).toBe(200);
      expect(((await viaHeader.json()) as any).content[0].text).toBe("echo: b");

      const wrong = new Anthropic({ baseURL: local.url, apiKey: "nope", maxRetries: 0 });
      const error = await wrong.messages.create(ask("c")).catch((e) => e);
      expect(error).toBeInstanceOf(Anthropic.AuthenticationError);
      expect(error.status).toBe(401);
      expect(error.type).toBe("authentication_error");

      const missing = await fetch(`${local.url}/v1/messages`, { method: "POST", body: JSON.stringify(ask("d")) });
      expect(missing.status).toBe(401);
      expect(await missing.json()).toMatchObject({ type: "error", error: { type: "authentication_error" } });
      expect(local.requests.map((r) => r.status)).toEqual([200, 200, 401, 401]);
    } finally {
      await local.close();
    }
  });

  test("every request is recorded with method, path, headers, body and timestamps", async () => {
    srv.enqueue(text("a"), text("b"));
    const before = performance.timeOrigin + performance.now();
    await client.messages.stream(ask("one")).finalMessage();
    await client.messages.create({ ...ask("two"), system: "sys" });
    await client.messages.countTokens({ model: MODEL, messages: [{ role: "user", content: "three" }] });

    expect(srv.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "POST /v1/messages",
      "POST /v1/messages",
      "POST /v1/messages/count_tokens",
    ]);
    const [first, second] = srv.requests;
    expect(first!.headers["authorization"]).toBe("Bearer test-key");
    expect(first!.headers["anthropic-version"]).toBeString();
    expect(first!.body).toMatchObject({ model: MODEL, stream: true, messages: [{ role: "user", content: "one" }] });
    expect(second!.body.system).toBe("sys");
    expect(first!.receivedAt).toBeGreaterThanOrEqual(before);
    expect(second!.receivedAt).toBeGreaterThanOrEqual(first!.receivedAt);
    const times = first!.events.map((e) => e.at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times[0]).toBeGreaterThanOrEqual(first!.receivedAt);
    expect(srv.messageRequests().length).toBe(2);
    expect(first!.usage?.output_tokens).toBe(1);

    srv.reset();
    expect(srv.requests.length).toBe(0);
  });
});
