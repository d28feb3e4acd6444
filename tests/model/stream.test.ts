// Stream accumulation over raw SSE events (a scripted MessageSource: the events are
// the API's own shapes), then over the real SDK against the fake server.
import { describe, expect, test } from "bun:test";
import {
  costUsd,
  createClient,
  describeModelError,
  type MessageSource,
  type ModelErrorKind,
  sdkSource,
  StreamCutError,
  type StreamEvent,
  streamMessage,
} from "../../src/model/index.ts";
import { clientConfigFrom } from "../../src/model/index.ts";
import { startAnthropicServer } from "../support/anthropic/index.ts";

const start = { type: "message_start", message: { id: "msg_1", model: "claude-opus-5", usage: { input_tokens: 10, output_tokens: 1 } } };
const scripted = (events: any[]): MessageSource => ({
  stream: async () =>
    (async function* () {
      for (const e of events) yield e;
    })() as any,
});
const params = { model: "m", max_tokens: 10, messages: [] };
async function all(source: MessageSource): Promise<StreamEvent[]> {
  const out: StreamEvent[] = [];
  for await (const ev of streamMessage(source, params, new AbortController().signal)) out.push(ev);
  return out;
}

describe("streamMessage", () => {
  test("tool input arrives in fragments and is whole at content_block_stop", async () => {
    const events = await all(
      scripted([
        start,
        { type: "content_block_start", index: 0, content_block: { type: "tool_use", id: "tu_1", name: "Read", input: {} } },
        { type: "content_block_delta", index: 0, delta: { type: "input_json_delta", partial_json: '{"file_' } },
        { type: "content_block_delta", index: 0, delta: { type: "input_json_delta", partial_json: 'path":"/a"}' } },
        { type: "content_block_stop", index: 0 },
        { type: "message_delta", delta: { stop_reason: "tool_use" }, usage: { output_tokens: 7 } },
        { type: "message_stop" },
      ]),
    );
    const done = events.find((e) => e.type === "block_done");
    expect(done?.type === "block_done" && done.toolCall).toEqual({ id: "tu_1", name: "Read", input: { file_path: "/a" } });
    const final = events.at(-1);
    expect(final?.type === "message_done" && final.message).toMatchObject({
      stopReason: "tool_use",
      usage: { input_tokens: 10, output_tokens: 7 },
      content: [{ type: "tool_use", input: { file_path: "/a" } }],
    });
  });

  test("tool input that is not JSON is reported on the call, and the history block gets {}", async () => {
    const events = await all(
      scripted([
        start,
        { type: "content_block_start", index: 0, content_block: { type: "tool_use", id: "tu_1", name: "Read", input: {} } },
        { type: "content_block_delta", index: 0, delta: { type: "input_json_delta", partial_json: '{"file_path": ' } },
        { type: "content_block_stop", index: 0 },
        { type: "message_delta", delta: { stop_reason: "tool_use" }, usage: { output_tokens: 3 } },
        { type: "message_stop" },
      ]),
    );
    const done = events.find((e) => e.type === "block_done");
    expect(done?.type === "block_done" && done.toolCall?.inputError).toContain("not valid JSON");
    expect(done?.type === "block_done" && done.block).toMatchObject({ type: "tool_use", input: {} });
  });

  test("text and thinking deltas pass through and fold into their blocks", async () => {
    const events = await all(
      scripted([
        start,
        { type: "content_block_start", index: 0, content_block: { type: "thinking", thinking: "", signature: "" } },
        { type: "content_block_delta", index: 0, delta: { type: "thinking_delta", thinking: "hm" } },
        { type: "content_block_delta", index: 0, delta: { type: "signature_delta", signature: "sig" } },
        { type: "content_block_stop", index: 0 },
        { type: "content_block_start", index: 1, content_block: { type: "text", text: "" } },
        { type: "content_block_delta", index: 1, delta: { type: "text_delta", text: "Hel" } },
        { type: "content_block_delta", index: 1, delta: { type: "text_delta", text: "lo" } },
        { type: "content_block_stop", index: 1 },
        { type: "message_delta", delta: { stop_reason: "end_turn" }, usage: { output_tokens: 4 } },
        { type: "message_stop" },
      ]),
    );
    expect(events.filter((e) => e.type === "text_delta").map((e: any) => e.text)).toEqual(["Hel", "lo"]);
    const final = events.at(-1) as Extract<StreamEvent, { type: "message_done" }>;
    expect(final.message.content).toMatchObject([{ type: "thinking", thinking: "hm", signature: "sig" }, { type: "text", text: "Hello" }]);
  });

  test("a stream that ends without message_stop is an error, not a short answer", async () => {
    const cut = all(scripted([start, { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } }]));
    await expect(cut).rejects.toBeInstanceOf(StreamCutError);
  });

  test("through the real SDK against the fake server: a dropped socket is a stream error", async () => {
    const server = await startAnthropicServer();
    try {
      server.enqueue({ kind: "drop", afterEvents: 3, reply: { content: "never finished" } });
      const source = sdkSource(await createClient({ apiKey: "k", baseURL: server.url }));
      let caught: unknown;
      try {
        for await (const _ of streamMessage(source, params, new AbortController().signal));
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeDefined();
      expect(["stream", "connection"]).toContain(describeModelError(caught).kind);
    } finally {
      await server.close();
    }
  });
});

describe("model settings and prices", () => {
  test("credentials and endpoint: settings.apiBaseUrl wins over ANTHROPIC_BASE_URL; blanks are unset", () => {
    expect(clientConfigFrom({ ANTHROPIC_API_KEY: "k", ANTHROPIC_BASE_URL: "http://a" }, { apiBaseUrl: "http://b" })).toEqual({
      apiKey: "k",
      authToken: undefined,
      baseURL: "http://b",
    });
    expect(clientConfigFrom({ ANTHROPIC_API_KEY: " ", ANTHROPIC_AUTH_TOKEN: "t" })).toEqual({ apiKey: undefined, authToken: "t", baseURL: undefined });
  });

  test("a missing key fails with one line naming ANTHROPIC_API_KEY", async () => {
    await expect(createClient({})).rejects.toThrow("ANTHROPIC_API_KEY");
  });

  const M = 1_000_000;
  const u = (input: number, output: number, write = 0, read = 0) => ({
    input_tokens: input,
    output_tokens: output,
    cache_creation_input_tokens: write,
    cache_read_input_tokens: read,
  });
  for (const [model, usage, dollars] of [
    ["claude-sonnet-5-5", u(M, M), 18],
    ["claude-opus-5", u(M, 0), 5],
    ["claude-haiku-4-5", u(0, M), 5],
    ["claude-sonnet-4-5", u(0, 0, M, M), 3 * 1.25 + 0.3],
    ["some-unknown-model", u(M, 0), 3],
  ] as const) {
    test(`cost of ${model}`, () => expect(costUsd(model, usage)).toBeCloseTo(dollars, 6));
  }
});

describe("describeModelError", () => {
  const table: Array<[string, unknown, ModelErrorKind]> = [
    ["401", { status: 401, message: "bad key" }, "auth"],
    ["429", { status: 429, message: "slow down" }, "rate_limit"],
    ["529", { status: 529, message: "busy" }, "overloaded"],
    ["overloaded mid-stream", { type: "overloaded_error", message: "Overloaded" }, "overloaded"],
    ["400", { status: 400, message: "bad" }, "invalid_request"],
    ["500", { status: 500, message: "oops" }, "server"],
    ["connection", { name: "APIConnectionError", message: "fetch failed" }, "connection"],
    ["abort", { name: "APIUserAbortError", message: "aborted" }, "aborted"],
  ];
  for (const [name, err, kind] of table) test(name, () => expect(describeModelError(err).kind).toBe(kind));
  test("connection errors name ANTHROPIC_BASE_URL and the endpoint", () => {
    expect(describeModelError({ name: "APIConnectionError" }, "http://127.0.0.1:9").message).toContain("http://127.0.0.1:9 (check ANTHROPIC_BASE_URL)");
  });
});
