// One server and one real SDK client per test file, reset before each test.
import Anthropic from "@anthropic-ai/sdk";
import { afterAll, beforeAll, beforeEach } from "bun:test";
import { type AnthropicServer, startAnthropicServer } from "../support/anthropic/index.ts";

export const ask = (content: string) => ({ model: "claude-test-1", max_tokens: 1024, messages: [{ role: "user" as const, content }] });

export function useServer(): { readonly srv: AnthropicServer; readonly client: Anthropic } {
  const ctx = {} as { srv: AnthropicServer; client: Anthropic };
  beforeAll(async () => {
    ctx.srv = await startAnthropicServer();
    ctx.client = new Anthropic({ baseURL: ctx.srv.url, apiKey: "k", maxRetries: 0 });
  });
  afterAll(() => ctx.srv.close());
  beforeEach(() => ctx.srv.reset());
  return ctx;
}
