// Requests the real API rejects are rejected here too, with its wording: missing fields, bad
// roles, a tool_use without its tool_result and a tool_result nobody asked for.
import Anthropic from "@anthropic-ai/sdk";
import { afterAll, beforeAll, beforeEach, expect, test } from "bun:test";
import { startAnthropicServer, text, type AnthropicServer } from "../support/anthropic/index.ts";
import { bodyProblem, toolPairingProblem } from "../support/anthropic/validate.ts";

const use = (id: string) => ({ type: "tool_use", id, name: "t", input: {} });
const result = (id: string) => ({ type: "tool_result", tool_use_id: id, content: "ok" });
const user = (...content: unknown[]) => ({ role: "user", content });
const assistant = (...content: unknown[]) => ({ role: "assistant", content });

const cases: { name: string; messages: unknown[]; problem: string | null }[] = [
  { name: "paired", messages: [user({ type: "text", text: "go" }), assistant(use("a"), use("b")), user(result("b"), result("a"))], problem: null },
  { name: "tool_use as the last message (prefill) is not checked", messages: [user({ type: "text", text: "go" }), assistant(use("a"))], problem: null },
  {
    name: "one result missing",
    messages: [user({ type: "text", text: "go" }), assistant(use("a"), use("b")), user(result("a"))],
    problem:
      "messages.1: `tool_use` ids were found without `tool_result` blocks immediately after: b. Each `tool_use` block must have a corresponding `tool_result` block in the next message.",
  },
  {
    name: "result without a use",
    messages: [user({ type: "text", text: "go" }), assistant({ type: "text", text: "hm" }), user({ type: "text", text: "x" }, result("z"))],
    problem:
      "messages.2.content.1: unexpected `tool_use_id` found in `tool_result` blocks: z. Each `tool_result` block must have a corresponding `tool_use` block in the previous message.",
  },
];
for (const c of cases) test(`tool pairing: ${c.name}`, () => expect(toolPairingProblem(c.messages)).toBe(c.problem));

test("body shape problems name the field", () => {
  expect(bodyProblem({ model: "m", max_tokens: 1, messages: [{ role: "system", content: "x" }] }, false)).toBe(
    "messages.0.role: Input should be 'user' or 'assistant'",
  );
  expect(bodyProblem({ max_tokens: 1, messages: [] }, false)).toBe("model: Field required");
  expect(bodyProblem({ model: "m", messages: [] }, true)).toBeNull();
});

let srv: AnthropicServer;
let client: Anthropic;
beforeAll(async () => {
  srv = await startAnthropicServer();
  client = new Anthropic({ baseURL: srv.url, apiKey: "k", maxRetries: 0 });
});
afterAll(() => srv.close());
beforeEach(() => srv.reset());

test("an unanswered tool_use is a 400 through the SDK and keeps the scripted reply", async () => {
  srv.enqueue(text("unused"));
  const messages = cases[2]!.messages as Anthropic.MessageParam[];
  const error = await client.messages.create({ model: "m", max_tokens: 10, messages }).catch((e) => e);
  expect(error).toBeInstanceOf(Anthropic.BadRequestError);
  expect(error.apiMessage).toBe(cases[2]!.problem);
  expect(srv.pending).toBe(1);
});

test("checkToolPairs: false lets such a history through", async () => {
  const local = await startAnthropicServer({ checkToolPairs: false, respond: () => text("fine") });
  try {
    const c = new Anthropic({ baseURL: local.url, apiKey: "k", maxRetries: 0 });
    const msg = await c.messages.create({ model: "m", max_tokens: 10, messages: cases[2]!.messages as Anthropic.MessageParam[] });
    expect(msg.content[0]).toMatchObject({ text: "fine" });
  } finally {
    await local.close();
  }
});
