// Shared set-up for engine tests: a real fake-Anthropic server on 127.0.0.1, the real
// SDK client pointed at it, small tools built through the Tool contract, and helpers
// that run the loop to its end and check the history the API would have to accept.
import { z } from "zod";
import { type AgentOptions, type EngineEvent, runAgent } from "../../src/engine/index.ts";
import { createClient, type MessageSource, sdkSource } from "../../src/model/index.ts";
import { defineTool, type Tool } from "../../src/tools/index.ts";
import { type AnthropicServer, startAnthropicServer } from "../support/anthropic/index.ts";

export const API_KEY = "test-key";

export async function startServer(): Promise<{ server: AnthropicServer; source: MessageSource }> {
  const server = await startAnthropicServer({ apiKey: API_KEY });
  const client = await createClient({ apiKey: API_KEY, baseURL: server.url });
  return { server, source: sdkSource(client) };
}

export async function run(opts: Partial<AgentOptions> & Pick<AgentOptions, "source" | "prompt">): Promise<EngineEvent[]> {
  const events: EngineEvent[] = [];
  for await (const ev of runAgent({ model: "claude-sonnet-5-5", tools: [], cwd: process.cwd(), sessionId: "s-test", ...opts })) events.push(ev);
  return events;
}

export const ofType = <T extends EngineEvent["type"]>(events: EngineEvent[], type: T) =>
  events.filter((e): e is Extract<EngineEvent, { type: T }> => e.type === type);

export function endOf(events: EngineEvent[]) {
  const end = ofType(events, "session_end");
  if (end.length !== 1) throw new Error(`expected one session_end, got ${end.length}`);
  return end[0] as Extract<EngineEvent, { type: "session_end" }>;
}

/** The checks the real API makes on history: roles alternate from user, every tool_use answered next. */
export function historyProblems(messages: any[]): string[] {
  const problems: string[] = [];
  if (messages[0]?.role !== "user") problems.push("history must start with a user message");
  messages.forEach((m, i) => {
    if (i > 0 && messages[i - 1].role === m.role) problems.push(`messages ${i - 1} and ${i} are both ${m.role}`);
    const blocks = typeof m.content === "string" ? [] : m.content;
    const uses = blocks.filter((b: any) => b.type === "tool_use").map((b: any) => b.id);
    if (uses.length) {
      const next = messages[i + 1];
      const results = (next?.content ?? []).filter((b: any) => b.type === "tool_result").map((b: any) => b.tool_use_id);
      if (next && JSON.stringify(results) !== JSON.stringify(uses)) problems.push(`message ${i + 1} answers ${results} for ${uses}`);
    }
  });
  return problems;
}

/** Tool-result blocks of the last user message in a recorded request body. */
export function toolResultsOf(body: any): any[] {
  const user = [...body.messages].reverse().find((m: any) => m.role === "user");
  return (user?.content ?? []).filter((b: any) => b.type === "tool_result");
}

export const resultText = (b: any): string => (typeof b.content === "string" ? b.content : b.content.map((c: any) => c.text ?? "").join(""));

/** A tool whose body the test supplies; calls are logged in order. */
export function probeTool(
  name: string,
  opts: { readOnly?: boolean; run?: (input: any, signal: AbortSignal) => Promise<string> | string; log?: string[] } = {},
): Tool {
  return defineTool({
    name,
    description: `test tool ${name}`,
    input: z.object({ value: z.string() }).strict(),
    readOnly: opts.readOnly ?? false,
    async run(input, ctx) {
      opts.log?.push(`start ${name} ${input.value}`);
      const out = opts.run ? await opts.run(input, ctx.signal) : `${name}:${input.value}`;
      opts.log?.push(`end ${name} ${input.value}`);
      return { forModel: out, forDisplay: { value: input.value } };
    },
  }) as Tool;
}

/** A latch that opens once `n` parties arrive; a party that waits too long gets `false` (no overlap). */
export function rendezvous(n: number, giveUpMs = 1000) {
  let arrived = 0;
  let open!: () => void;
  const all = new Promise<void>((r) => (open = r));
  return async (): Promise<boolean> => {
    if (++arrived >= n) open();
    return Promise.race([all.then(() => true), Bun.sleep(giveUpMs).then(() => false)]);
  };
}
