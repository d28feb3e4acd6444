// The agent hook kind: a read-only sub-agent (the real loop, against the test server)
// investigates, then answers {"ok": …}; "not ok" blocks with its reason.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { agentHookExecutor } from "../../src/cli/agent-hook.ts";
import { startServer } from "../engine/harness.ts";
import type { AnthropicServer } from "../support/anthropic/index.ts";
import { text, toolUse } from "../support/anthropic/index.ts";
import { fixture } from "./helpers.ts";

let server: AnthropicServer;
let source: Awaited<ReturnType<typeof startServer>>["source"];
beforeAll(async () => ({ server, source } = await startServer()));
afterAll(() => server.close());

describe("agent hooks", () => {
  test("the sub-agent reads with read-only tools, then its verdict blocks Stop", async () => {
    server.reset();
    const f = fixture();
    writeFileSync(join(f.dir, "a.ts"), "// TODO: finish\n");
    server.enqueue(toolUse("Read", { file_path: join(f.dir, "a.ts") }), text('{"ok": false, "reason": "a.ts still has a TODO"}'));
    const runner = f.runner({ Stop: [{ hooks: [{ type: "agent", prompt: "Check that no TODO is left in the project." }] }] }, { injected: { agent: agentHookExecutor({ source, model: "claude-sonnet-5-5" }) } });
    const r = await runner.run("Stop", f.payload({ hook_event_name: "Stop" }));
    expect(r.block).toEqual({ reason: "a.ts still has a TODO" });
    const offered = (server.requests[0]!.body.tools as Array<{ name: string }>).map((t) => t.name).sort();
    expect(offered).toEqual(["Glob", "Grep", "LS", "Read"]);
    expect(JSON.stringify(server.requests[1]!.body.messages)).toContain("// TODO: finish");
  });

  test("an answer that is not a verdict does not pass silently", async () => {
    server.reset();
    const f = fixture();
    server.enqueue(text("looks fine to me"));
    const runner = f.runner({ Stop: [{ hooks: [{ type: "agent", prompt: "Verify." }] }] }, { injected: { agent: agentHookExecutor({ source, model: "m" }) } });
    expect(await runner.run("Stop", f.payload({ hook_event_name: "Stop" }))).toEqual({});
    expect(f.notices).toEqual([expect.stringContaining('the answer was not {"ok": …}; ignored')]);
  });
});
