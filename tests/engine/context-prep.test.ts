// The engine's default phase 1 is the prompt compiler: every request of a run carries the
// cached static half and a rolling breakpoint, and the second call reads the first one's
// prefix from the (real, accounting) test server's cache.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { minimalContextPrep } from "../../src/engine/index.ts";
import type { AnthropicServer } from "../support/anthropic/index.ts";
import { text, toolUse } from "../support/anthropic/index.ts";
import { endOf, probeTool, run, startServer } from "./harness.ts";

let server: AnthropicServer;
let source: Awaited<ReturnType<typeof startServer>>["source"];
beforeAll(async () => ({ server, source } = await startServer()));
afterAll(() => server.close());

const marks = (body: any): number =>
  [...(body.tools ?? []), ...(body.system ?? []), ...body.messages.flatMap((m: any) => (typeof m.content === "string" ? [] : m.content))].filter(
    (b: any) => b.cache_control,
  ).length;

describe("default context prep", () => {
  test("compiles the prompt: static half cached, memory file in the dynamic half, prefix read back on turn 2", async () => {
    server.reset();
    const cwd = mkdtempSync(join(tmpdir(), "keel-prep-"));
    writeFileSync(join(cwd, "CLAUDE.md"), "Always answer in haiku.\n");
    server.enqueue(toolUse("probe", { value: "x" }), text("done"));
    const events = await run({ source, cwd, prompt: "go", tools: [probeTool("probe", { readOnly: true })] });
    expect(endOf(events).stop).toBe("success");

    const [first, second] = server.requests;
    const system = first!.body.system as Array<{ text: string; cache_control?: unknown }>;
    expect(system[0]!.cache_control).toBeDefined();
    expect(system.at(-1)!.cache_control).toBeUndefined();
    expect(system.at(-1)!.text).toContain("Always answer in haiku.");
    expect(system[0]!.text).not.toContain(cwd);
    for (const r of server.requests) expect(marks(r.body)).toBeLessThanOrEqual(4);
    expect(first!.usage!.cache_creation_input_tokens).toBeGreaterThan(1000);
    expect(second!.usage!.cache_read_input_tokens).toBeGreaterThanOrEqual(first!.usage!.cache_creation_input_tokens);
  });

  test("the minimal prep sends no cache marks (what the compiler adds is measurable)", async () => {
    server.reset();
    server.enqueue(text("ok"));
    await run({ source, prompt: "hi", prepareContext: minimalContextPrep });
    expect(marks(server.requests[0]!.body)).toBe(0);
  });
});
