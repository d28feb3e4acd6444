// Prompt-cache accounting: through the SDK (creation then read, under-minimum prefixes, the
// breakpoint limit) and as a table over the PromptCache itself (ttl expiry on an injected clock,
// refresh on read, 5m/1h split, model in the key). Expected numbers are worked out by hand from
// the documented estimate: ceil(UTF-8 bytes of canonical text / 4) per unit.
import Anthropic from "@anthropic-ai/sdk";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "bun:test";
import { PromptCache, promptUnits, startAnthropicServer, text, type AnthropicServer } from "../support/anthropic/index.ts";

let srv: AnthropicServer;
let client: Anthropic;
const MODEL = "claude-test-1";

// '{"text":"<S>","type":"text"}' adds 25 bytes: 4094 a's → 4119 bytes → 1030 tokens (≥ 1024).
const BIG = "a".repeat(4094);
// 3000 a's → 3025 bytes → 757 tokens (< 1024).
const SMALL = "a".repeat(3000);
// 'user {"text":"q1","type":"text"}' → 32 bytes → 8 tokens.
const Q1 = "q1";
const Q2 = "q2";

const cached = (t: string, ttl?: "5m" | "1h") => ({
  type: "text" as const,
  text: t,
  cache_control: ttl ? { type: "ephemeral" as const, ttl } : { type: "ephemeral" as const },
});

beforeAll(async () => {
  srv = await startAnthropicServer();
  client = new Anthropic({ baseURL: srv.url, apiKey: "k", maxRetries: 0 });
});
afterAll(() => srv.close());
beforeEach(() => srv.reset());

describe("through the SDK", () => {
  test("first request writes the cached system prefix, the second reads it", async () => {
    srv.enqueue(text("one"), text("two"));
    const first = await client.messages
      .stream({ model: MODEL, max_tokens: 100, system: [cached(BIG)], messages: [{ role: "user", content: Q1 }] })
      .finalMessage();
    expect(first.usage).toMatchObject({ input_tokens: 8, cache_creation_input_tokens: 1030, cache_read_input_tokens: 0 });
    expect(first.usage.cache_creation).toEqual({ ephemeral_5m_input_tokens: 1030, ephemeral_1h_input_tokens: 0 });

    const second = await client.messages.create({
      model: MODEL,
      max_tokens: 100,
      system: [cached(BIG)],
      messages: [{ role: "user", content: Q2 }],
    });
    expect(second.usage).toMatchObject({ input_tokens: 8, cache_creation_input_tokens: 0, cache_read_input_tokens: 1030 });
  });

  test("a growing conversation reads the old breakpoint and writes up to the new one", async () => {
    srv.enqueue(text("a1"), text("a2"));
    const turn1 = [{ role: "user" as const, content: [cached(BIG)] }];
    await client.messages.create({ model: MODEL, max_tokens: 100, messages: turn1 });
    // 'user {"text":"aaa…","type":"text"}' = 5 + 4119 bytes → 1031 tokens, all written.
    expect(srv.requests[0]!.usage).toMatchObject({ cache_creation_input_tokens: 1031, input_tokens: 0 });

    const turn2 = [
      { role: "user" as const, content: [{ type: "text" as const, text: BIG }] },
      { role: "assistant" as const, content: "a1" },
      { role: "user" as const, content: [cached(Q2)] },
    ];
    const msg = await client.messages.create({ model: MODEL, max_tokens: 100, messages: turn2 });
    // 'assistant {"text":"a1","type":"text"}' = 37 bytes → 10; the new user block → 8.
    expect(msg.usage).toMatchObject({ cache_read_input_tokens: 1031, cache_creation_input_tokens: 18, input_tokens: 0 });
  });

  test("a prefix under the minimum is silently not cached", async () => {
    srv.enqueue(text("one"), text("two"));
    for (const q of [Q1, Q2]) {
      const msg = await client.messages.create({ model: MODEL, max_tokens: 100, system: [cached(SMALL)], messages: [{ role: "user", content: q }] });
      expect(msg.usage).toMatchObject({ input_tokens: 757 + 8, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 });
    }
    expect(srv.cache.size).toBe(0);
  });

  test("five breakpoints are a 400 with the API's wording", async () => {
    srv.enqueue(text("unused"));
    const error = await client.messages
      .create({
        model: MODEL,
        max_tokens: 100,
        tools: [{ name: "t", input_schema: { type: "object" }, cache_control: { type: "ephemeral" } }],
        system: [cached("s1"), cached("s2")],
        messages: [{ role: "user", content: [cached("m1"), cached("m2")] }],
      })
      .catch((e) => e);
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    expect(error.type).toBe("invalid_request_error");
    expect(error.apiMessage).toBe("A maximum of 4 blocks with cache_control may be provided. Found 5.");
    expect(srv.pending).toBe(1);
  });

  test("a top-level cache_control marks the last block", async () => {
    srv.enqueue(text("one"));
    const body = { model: MODEL, max_tokens: 100, cache_control: { type: "ephemeral" }, messages: [{ role: "user", content: BIG }] };
    await client.messages.create(body as any);
    expect(srv.requests[0]!.usage).toMatchObject({ cache_creation_input_tokens: 1031, input_tokens: 0 });
  });
});

describe("PromptCache", () => {
  const body = (system: unknown[], q: string) => ({ system, messages: [{ role: "user", content: q }] });
  const units = (system: unknown[], q = Q1) => promptUnits(body(system, q));

  function clocked(min = 1024) {
    let t = 1_000_000;
    const cache = new PromptCache({ minCacheableTokens: min, now: () => t });
    return { cache, advance: (ms: number) => (t += ms) };
  }

  const cases: { name: string; ttl?: "5m" | "1h"; wait: number; read: number }[] = [
    { name: "5m entry read after 4 minutes", wait: 4 * 60_000, read: 1030 },
    { name: "5m entry gone after 5 minutes", wait: 5 * 60_000, read: 0 },
    { name: "1h entry read after 30 minutes", ttl: "1h", wait: 30 * 60_000, read: 1030 },
    { name: "1h entry gone after 61 minutes", ttl: "1h", wait: 61 * 60_000, read: 0 },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const { cache, advance } = clocked();
      cache.account(MODEL, units([cached(BIG, c.ttl)]));
      advance(c.wait);
      const usage = cache.account(MODEL, units([cached(BIG, c.ttl)], Q2));
      expect(usage.cache_read_input_tokens).toBe(c.read);
      expect(usage.cache_creation_input_tokens).toBe(1030 - c.read);
    });
  }

  test("a read refreshes the entry's ttl", () => {
    const { cache, advance } = clocked();
    cache.account(MODEL, units([cached(BIG)]));
    advance(4 * 60_000);
    expect(cache.account(MODEL, units([cached(BIG)])).cache_read_input_tokens).toBe(1030);
    advance(4 * 60_000);
    expect(cache.account(MODEL, units([cached(BIG)])).cache_read_input_tokens).toBe(1030);
  });

  test("creation is split by each written breakpoint's ttl", () => {
    const { cache } = clocked(10);
    // 1h on the first system block (1030), 5m on the user block (8).
    const usage = cache.account(MODEL, promptUnits({ system: [cached(BIG, "1h")], messages: [{ role: "user", content: [cached(Q1)] }] }));
    expect(usage.cache_creation).toEqual({ ephemeral_1h_input_tokens: 1030, ephemeral_5m_input_tokens: 8 });
    expect(usage.cache_creation_input_tokens).toBe(1038);
  });

  test("the model is part of the key", () => {
    const { cache } = clocked();
    cache.account(MODEL, units([cached(BIG)]));
    expect(cache.account("other-model", units([cached(BIG)])).cache_read_input_tokens).toBe(0);
  });

  test("a changed earlier block misses", () => {
    const { cache } = clocked();
    cache.account(MODEL, units([cached(BIG)]));
    expect(cache.account(MODEL, units([cached(`b${BIG.slice(1)}`)])).cache_read_input_tokens).toBe(0);
  });

  test("tokens after the last breakpoint are plain input", () => {
    const { cache } = clocked();
    const usage = cache.account(MODEL, units([cached(BIG), { type: "text", text: "tail" }]));
    // '{"text":"tail","type":"text"}' = 29 bytes → 8, plus the user block's 8.
    expect(usage).toMatchObject({ cache_creation_input_tokens: 1030, input_tokens: 16, cache_read_input_tokens: 0 });
  });

  test("no breakpoint: everything is input and nothing is stored", () => {
    const { cache } = clocked(1);
    const usage = cache.account(MODEL, units([{ type: "text", text: BIG }]));
    expect(usage).toMatchObject({ input_tokens: 1038, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 });
    expect(cache.size).toBe(0);
  });
});
