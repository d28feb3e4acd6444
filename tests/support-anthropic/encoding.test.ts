// Pure parts of the fake server as tables: the token estimate, prompt units in prefix order,
// chunking on code points, cutting an answer at max_tokens, and the SSE framing.
import { describe, expect, test } from "bun:test";
import { canonicalJson, countInputTokens, estimateTokens, promptUnits } from "../support/anthropic/index.ts";
import { chunks, fitToMaxTokens, messageEvents, sseFrame, type FullBlock } from "../support/anthropic/protocol.ts";

describe("token estimate", () => {
  const cases: [string, number][] = [
    ["", 0],
    ["abc", 1],
    ["abcd", 1],
    ["abcde", 2],
    ["é", 1], // 2 bytes
    ["🙂🙂", 2], // 8 bytes
    ["日本語", 3], // 9 bytes
  ];
  for (const [text, tokens] of cases) test(`${JSON.stringify(text)} → ${tokens}`, () => expect(estimateTokens(text)).toBe(tokens));

  test("canonical JSON sorts keys at every depth", () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[{"y":2,"z":1}]},"b":1}');
  });

  test("units come in tools → system → messages order, without cache_control", () => {
    const units = promptUnits({
      messages: [{ role: "user", content: [{ type: "text", text: "m", cache_control: { type: "ephemeral", ttl: "1h" } }] }],
      system: "s",
      tools: [{ name: "t", input_schema: {} }],
    });
    expect(units.map((u) => [u.section, u.text, u.breakpoint])).toEqual([
      ["tools", '{"input_schema":{},"name":"t"}', undefined],
      ["system", '{"text":"s","type":"text"}', undefined],
      ["messages", 'user {"text":"m","type":"text"}', "1h"],
    ]);
    expect(units.map((u) => u.tokens)).toEqual([8, 7, 8]);
  });

  test("key order and cache_control do not change the count", () => {
    const a = { messages: [{ role: "user", content: [{ type: "text", text: "hello" }] }] };
    const b = { messages: [{ content: [{ text: "hello", type: "text", cache_control: { type: "ephemeral" } }], role: "user" }] };
    expect(countInputTokens(a)).toBe(countInputTokens(b));
    expect(countInputTokens({ messages: [{ role: "user", content: "hello" }] })).toBe(countInputTokens(a));
  });
});

describe("protocol", () => {
  test("chunks never split a code point", () => {
    expect(chunks("a🙂b🙂c", 2)).toEqual(["a🙂", "b🙂", "c"]);
    expect(chunks("", 3)).toEqual([]);
  });

  const tool: FullBlock = { type: "tool_use", id: "toolu_1", name: "x", input: { a: 1 } }; // 'x{"a":1}' → 2 tokens
  const cases: { name: string; blocks: FullBlock[]; max: number; expected: FullBlock[]; truncated: boolean }[] = [
    { name: "fits", blocks: [{ type: "text", text: "abcd" }], max: 1, expected: [{ type: "text", text: "abcd" }], truncated: false },
    { name: "text cut on the byte budget", blocks: [{ type: "text", text: "abcdefghij" }], max: 2, expected: [{ type: "text", text: "abcdefgh" }], truncated: true },
    { name: "multi-byte cut stays whole", blocks: [{ type: "text", text: "ééé" }], max: 1, expected: [{ type: "text", text: "éé" }], truncated: true },
    { name: "tool that does not fit is left out", blocks: [{ type: "text", text: "abcd" }, tool], max: 2, expected: [{ type: "text", text: "abcd" }], truncated: true },
    { name: "tool that fits stays", blocks: [{ type: "text", text: "abcd" }, tool], max: 3, expected: [{ type: "text", text: "abcd" }, tool], truncated: false },
  ];
  for (const c of cases) {
    test(`fitToMaxTokens: ${c.name}`, () => expect(fitToMaxTokens(c.blocks, c.max)).toEqual({ blocks: c.expected, truncated: c.truncated }));
  }

  test("SSE frames carry the event name and one JSON data line", () => {
    expect(sseFrame({ event: "ping", data: { type: "ping" } })).toBe('event: ping\ndata: {"type":"ping"}\n\n');
  });

  test("a message's events have matching indexes and end with message_delta, message_stop", () => {
    const usage = {
      input_tokens: 3,
      output_tokens: 4,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
    };
    const events = messageEvents(
      { id: "msg_1", model: "m", blocks: [{ type: "text", text: "hey" }, tool], stopReason: "tool_use", stopSequence: null, usage },
      { chunkSize: 100 },
    );
    expect(events.map((e) => e.event)).toEqual([
      "message_start",
      "ping",
      "content_block_start",
      "content_block_delta",
      "content_block_stop",
      "content_block_start",
      "content_block_delta",
      "content_block_stop",
      "message_delta",
      "message_stop",
    ]);
    expect(events.slice(2, 8).map((e) => (e.data as { index: number }).index)).toEqual([0, 0, 0, 1, 1, 1]);
    expect(events[8]!.data).toEqual({
      type: "message_delta",
      delta: { stop_reason: "tool_use", stop_sequence: null },
      usage: { input_tokens: 3, output_tokens: 4, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
    });
  });
});
