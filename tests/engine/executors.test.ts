// One contract, two executors (STYLE.md: contract tests run against every
// implementation). The same cases run against the streaming and the batch executor.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { ExecutorKind } from "../../src/engine/index.ts";
import type { MessageSource } from "../../src/model/index.ts";
import type { AnthropicServer } from "../support/anthropic/index.ts";
import { text, toolUse } from "../support/anthropic/index.ts";
import { endOf, historyProblems, ofType, probeTool, rendezvous, resultText, run, startServer, toolResultsOf } from "./harness.ts";

let server: AnthropicServer;
let source: MessageSource;
beforeAll(async () => ({ server, source } = await startServer()));
afterAll(() => server.close());

const uses = (...calls: Array<[string, unknown]>) => ({
  content: calls.map(([name, input]) => ({ type: "tool_use" as const, name, input })),
});

for (const kind of ["streaming", "batch"] as ExecutorKind[]) {
  describe(`${kind} executor`, () => {
    test("multi-turn tool session: results go back and the loop continues until end_turn", async () => {
      server.reset();
      server.enqueue(toolUse("echo", { value: "one" }, { before: "Let me check." }), toolUse("echo", { value: "two" }), text("All done."));
      const events = await run({ source, prompt: "go", tools: [probeTool("echo")], executor: kind });
      const end = endOf(events);
      expect(end.stop).toBe("success");
      expect(end.result).toBe("All done.");
      expect(end.numTurns).toBe(3);
      const reqs = server.messageRequests();
      expect(reqs).toHaveLength(3);
      expect(resultText(toolResultsOf(reqs[1]?.body)[0])).toBe("echo:one");
      expect(resultText(toolResultsOf(reqs[2]?.body)[0])).toBe("echo:two");
      for (const r of reqs) expect(historyProblems(r.body.messages)).toEqual([]);
      expect(reqs[0]?.body.tools.map((t: any) => t.name)).toEqual(["echo"]);
      expect(end.usage.output_tokens).toBeGreaterThan(0);
    });

    test("results come back in tool_use order even when an earlier call finishes last", async () => {
      server.reset();
      const log: string[] = [];
      let releaseSlow!: () => void;
      // Released by a later call; should calls run one by one, a fallback releases it and the order check fails.
      const slowMayEnd = new Promise<void>((r) => {
        releaseSlow = r;
        setTimeout(r, 1000);
      });
      const slow = probeTool("slow", { readOnly: true, log, run: async (i) => (await slowMayEnd, `slow:${i.value}`) });
      const fast = probeTool("fast", { readOnly: true, log, run: (i) => (releaseSlow(), `fast:${i.value}`) });
      server.enqueue(uses(["slow", { value: "a" }], ["fast", { value: "b" }], ["fast", { value: "c" }]), text("ok"));
      const events = await run({ source, prompt: "go", tools: [slow, fast], executor: kind });
      expect(endOf(events).stop).toBe("success");
      // The slow call really finished after a later one…
      expect(log.indexOf("end slow a")).toBeGreaterThan(log.indexOf("end fast b"));
      // …and its result is still first, all in one user message.
      const results = toolResultsOf(server.messageRequests()[1]?.body);
      expect(results.map(resultText)).toEqual(["slow:a", "fast:b", "fast:c"]);
      const ids = ofType(events, "tool_use").map((e) => e.id);
      expect(results.map((r) => r.tool_use_id)).toEqual(ids);
    });

    test("read-only calls overlap", async () => {
      server.reset();
      const meet = rendezvous(3);
      const reader = probeTool("reader", { readOnly: true, run: async (i) => `${i.value}:${(await meet()) ? "overlapped" : "alone"}` });
      server.enqueue(uses(["reader", { value: "1" }], ["reader", { value: "2" }], ["reader", { value: "3" }]), text("ok"));
      await run({ source, prompt: "go", tools: [reader], executor: kind });
      expect(toolResultsOf(server.messageRequests()[1]?.body).map(resultText)).toEqual(["1:overlapped", "2:overlapped", "3:overlapped"]);
    });

    test("a call that is not read-only runs alone, after the calls before it and before those after it", async () => {
      server.reset();
      const log: string[] = [];
      const reader = probeTool("reader", { readOnly: true, log, run: async (i) => (await Bun.sleep(5), i.value) });
      const writer = probeTool("writer", { log, run: async (i) => (await Bun.sleep(5), i.value) });
      server.enqueue(
        uses(["reader", { value: "r1" }], ["reader", { value: "r2" }], ["writer", { value: "w1" }], ["writer", { value: "w2" }], ["reader", { value: "r3" }]),
        text("ok"),
      );
      await run({ source, prompt: "go", tools: [reader, writer], executor: kind });
      const at = (s: string) => log.indexOf(s);
      expect(at("start writer w1")).toBeGreaterThan(Math.max(at("end reader r1"), at("end reader r2")));
      expect(at("start writer w2")).toBeGreaterThan(at("end writer w1"));
      expect(at("start reader r3")).toBeGreaterThan(at("end writer w2"));
    });

    test("schema-invalid input gets an explaining is_error result and the tool does not run", async () => {
      server.reset();
      const log: string[] = [];
      server.enqueue(uses(["echo", { valu: "typo" }]), text("sorry"));
      const events = await run({ source, prompt: "go", tools: [probeTool("echo", { log })], executor: kind });
      expect(log).toEqual([]);
      const [result] = toolResultsOf(server.messageRequests()[1]?.body);
      expect(result.is_error).toBe(true);
      expect(resultText(result)).toContain("value");
      expect(resultText(result)).toContain("valu");
      expect(ofType(events, "tool_result")[0]?.isError).toBe(true);
      expect(endOf(events).stop).toBe("success");
    });

    test("an unknown tool and a tool that throws become is_error results; the session goes on", async () => {
      server.reset();
      const boom = probeTool("boom", { run: () => Promise.reject(new Error("disk on fire")) });
      server.enqueue(uses(["nope", { value: "x" }], ["boom", { value: "y" }]), text("recovered"));
      const events = await run({ source, prompt: "go", tools: [boom], executor: kind });
      const results = toolResultsOf(server.messageRequests()[1]?.body);
      expect(results.map((r) => r.is_error)).toEqual([true, true]);
      expect(resultText(results[0])).toContain('No tool named "nope"');
      expect(resultText(results[1])).toContain("disk on fire");
      expect(endOf(events).result).toBe("recovered");
    });

    test("a denied permission and a blocking PreToolUse hook stop the run with a reason", async () => {
      server.reset();
      const log: string[] = [];
      const tools = [probeTool("guarded", { log }), probeTool("hooked", { log })];
      server.enqueue(uses(["guarded", { value: "1" }], ["hooked", { value: "2" }]), text("fine"));
      const events = await run({
        source,
        prompt: "go",
        tools,
        executor: kind,
        gate: { check: (tool) => (tool.name === "guarded" ? { behavior: "deny", reason: "policy says no" } : { behavior: "allow" }) },
        hooks: { run: async (event, p) => (event === "PreToolUse" && p.tool_name === "hooked" ? { block: { reason: "hook veto" } } : {}) },
      });
      expect(log).toEqual([]);
      const results = toolResultsOf(server.messageRequests()[1]?.body).map(resultText);
      expect(results[0]).toContain("policy says no");
      expect(results[1]).toContain("hook veto");
      expect(ofType(events, "permission_request")).toMatchObject([{ name: "guarded", decision: "deny" }]);
    });

    test("a stream error mid-message becomes an error event, not a throw", async () => {
      server.reset();
      server.enqueue({ kind: "stream_error", afterEvents: 3, errorType: "overloaded_error", message: "Overloaded", reply: text("partial answer that never ends") });
      const events = await run({ source, prompt: "go", executor: kind });
      const [err] = ofType(events, "error");
      expect(err?.kind).toBe("overloaded");
      expect(endOf(events).stop).toBe("error_during_execution");
      expect(endOf(events).error).toContain("Overloaded");
    });
  });
}
