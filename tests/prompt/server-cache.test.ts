// Compiled requests against the fake Messages server (real HTTP, the SDK as client): the
// server refuses more than four breakpoints, and reports cache reads the way the API does.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import Anthropic from "@anthropic-ai/sdk";
import type { MessageParam } from "@anthropic-ai/sdk/resources/messages";
import { defaultRegistry, freezeTools, PromptSession } from "../../src/prompt/index.ts";
import { type AnthropicServer, startAnthropicServer } from "../support/anthropic/server.ts";
import { promptUnits } from "../support/anthropic/tokens.ts";
import { pinnedContext, tool, turn } from "./fixtures.ts";

let server: AnthropicServer;
let client: Anthropic;
beforeAll(async () => {
  server = await startAnthropicServer({ respond: () => ({ content: "ok" }) });
  client = new Anthropic({ apiKey: "k", baseURL: server.url, maxRetries: 0 });
});
afterAll(() => server.close());

const tools = ["Read", "Bash", "Grep", "Glob", "Edit", "Write"].map((n) => tool(n, `The ${n} tool. `.repeat(30)));
const send = (s: PromptSession, messages: MessageParam[]) => {
  const c = s.compile(messages);
  return client.messages.create({ model: "m", max_tokens: 100, system: c.system, tools: c.tools, messages: c.messages });
};

describe("compiled requests against the Messages test server", () => {
  test("every turn of a session is accepted and reads the previous turn's prefix", async () => {
    server.reset();
    const s = new PromptSession(defaultRegistry(), pinnedContext(), freezeTools(tools));
    let history: MessageParam[] = [{ role: "user", content: "start" }];
    let previousTotal = 0;
    for (let i = 1; i <= 12; i++) {
      // Feed back the compiled (marked) messages, as a careless caller might.
      const compiled = s.compile(history).messages;
      const msg = await send(s, compiled);
      const u = msg.usage;
      const total = u.input_tokens + (u.cache_creation_input_tokens ?? 0) + (u.cache_read_input_tokens ?? 0);
      if (i > 1) expect(u.cache_read_input_tokens).toBe(previousTotal);
      previousTotal = total;
      history = [...compiled, ...turn(i)];
    }
    expect(server.messageRequests().every((r) => r.status === 200)).toBe(true);
  });

  test("a second session in another directory on another date reads the tools + static half from cache", async () => {
    server.reset();
    const a = new PromptSession(defaultRegistry(), pinnedContext(), freezeTools(tools));
    const first = await send(a, [{ role: "user", content: "hello" }]);
    expect(first.usage.cache_read_input_tokens).toBe(0);
    const b = new PromptSession(
      defaultRegistry(),
      pinnedContext({ cwd: "/srv/other", projectRoot: null, date: "2027-03-09", git: null, memory: [] }),
      freezeTools([...tools].reverse()),
    );
    const second = await send(b, [{ role: "user", content: "a different question" }]);
    // Session B reads exactly the tools and the static system block that session A wrote.
    const units = promptUnits(server.messageRequests()[0]?.body);
    const firstSystem = units.findIndex((u) => u.section === "system");
    const staticPrefix = units.slice(0, firstSystem + 1).reduce((n, u) => n + u.tokens, 0);
    expect(units[firstSystem]?.breakpoint).toBe("5m");
    expect(staticPrefix).toBeGreaterThan(1024);
    expect(second.usage.cache_read_input_tokens).toBe(staticPrefix);
  });
});
