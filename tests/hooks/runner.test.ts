// How hooks run: a hung hook is killed (its whole tree) while the others finish; matching
// hooks run in parallel; duplicates run once; `once` and `async`; http and prompt kinds;
// kinds without an executor are refused out loud.
import { describe, expect, test } from "bun:test";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Anthropic from "@anthropic-ai/sdk";
import { type JudgeModel, matcherMatches, promptJudge } from "../../src/hooks/index.ts";
import { startAnthropicServer, text } from "../support/anthropic/index.ts";
import { fixture, pre } from "./helpers.ts";

const lines = (p: string) => (existsSync(p) ? readFileSync(p, "utf8").trim().split("\n").filter(Boolean) : []);

function sleepsWith(marker: string): boolean {
  return readdirSync("/proc").some((e) => {
    try {
      return /^\d+$/.test(e) && readFileSync(`/proc/${e}/cmdline`, "utf8").split("\0")[1] === marker;
    } catch {
      return false;
    }
  });
}

describe("hook runner", () => {
  test("a hung hook is killed at its timeout with its children; the other hooks still answer", async () => {
    const f = fixture();
    const marker = `${40 + Math.random()}`;
    const hung = f.script("hung.sh", `sleep ${marker}`);
    const ok = f.script("ok.sh", "echo 'ran' >&2; exit 2");
    const r = await f.runner({ PreToolUse: [{ hooks: [{ type: "command", command: hung, timeout: 0.3 }, { type: "command", command: ok }] }] }).run("PreToolUse", f.payload());
    expect(r.block).toEqual({ reason: "ran" });
    expect(f.notices).toEqual([expect.stringMatching(/timed out after 0\.3 s and was killed/)]);
    for (let i = 0; i < 200 && sleepsWith(marker); i++) await Bun.sleep(10);
    expect(sleepsWith(marker)).toBe(false);
  });

  test("matching hooks run in parallel: both start before either ends", async () => {
    const f = fixture();
    const log = join(f.dir, "log");
    const body = (n: string) => `echo start-${n} >> ${log}; for i in $(seq 50); do [ $(grep -c start ${log}) -ge 2 ] && break; sleep 0.02; done; echo end-${n} >> ${log}`;
    await f.runner({ PreToolUse: [{ hooks: [{ type: "command", command: f.script("a.sh", body("a")) }, { type: "command", command: f.script("b.sh", body("b")) }] }] }).run("PreToolUse", f.payload());
    const order = lines(log);
    expect(order.slice(0, 2).sort()).toEqual(["start-a", "start-b"]);
  });

  test("identical hooks (same event, kind and command, from two groups) run once", async () => {
    const f = fixture();
    const count = join(f.dir, "count");
    const cmd = f.script("c.sh", `echo x >> ${count}`);
    await f.runner({ PreToolUse: [{ matcher: "Bash", hooks: [{ type: "command", command: cmd }] }, { matcher: "*", hooks: [{ type: "command", command: cmd }] }] }).run("PreToolUse", f.payload());
    expect(lines(count)).toEqual(["x"]);
  });

  test("once runs a hook the first time only; async does not hold the event up", async () => {
    const f = fixture();
    const count = join(f.dir, "count");
    const r = f.runner(pre(f.script("o.sh", `echo x >> ${count}`), { once: true }));
    await r.run("PreToolUse", f.payload());
    await r.run("PreToolUse", f.payload());
    expect(lines(count)).toEqual(["x"]);

    const late = join(f.dir, "late");
    const gate = join(f.dir, "gate");
    const a = f.runner(pre(f.script("a.sh", `while [ ! -e ${gate} ]; do sleep 0.01; done; echo done > ${late}; exit 2`), { async: true }));
    expect(await a.run("PreToolUse", f.payload())).toEqual({});
    expect(existsSync(late)).toBe(false);
    await Bun.write(gate, "");
    for (let i = 0; i < 300 && !existsSync(late); i++) await Bun.sleep(10);
    expect(existsSync(late)).toBe(true);
  });

  test("http hooks POST the payload and read the answer like a command's JSON", async () => {
    const f = fixture();
    const got: unknown[] = [];
    const server = Bun.serve({
      hostname: "127.0.0.1",
      port: 0,
      async fetch(req) {
        got.push(await req.json());
        return Response.json({ hookSpecificOutput: { permissionDecision: "deny", permissionDecisionReason: "from http" } });
      },
    });
    try {
      const r = await f.runner({ PreToolUse: [{ hooks: [{ type: "http", url: `http://127.0.0.1:${server.port}/hook` }] }] }).run("PreToolUse", f.payload());
      expect(r.block).toEqual({ reason: "from http" });
      expect(got).toEqual([expect.objectContaining({ hook_event_name: "PreToolUse", tool_name: "Bash" })]);
      const down = await f.runner({ PreToolUse: [{ hooks: [{ type: "http", url: "http://127.0.0.1:9/x", timeout: 2 }] }] }).run("PreToolUse", f.payload());
      expect(down).toEqual({});
    } finally {
      server.stop(true);
    }
  });

  test("prompt hooks: a model judges against the real test server; not ok blocks", async () => {
    const server = await startAnthropicServer({ apiKey: "k" });
    try {
      const client = new Anthropic({ apiKey: "k", baseURL: server.url, maxRetries: 0 });
      const f = fixture();
      const judge = promptJudge(client.messages as unknown as JudgeModel, "claude-haiku-5-5");
      const hooks = { Stop: [{ hooks: [{ type: "prompt", prompt: "Did the agent run the tests? $ARGUMENTS" }] }] };
      server.enqueue(text('{"ok": false, "reason": "run the tests first"}'), text('{"ok": true}'));
      const r = f.runner(hooks, { injected: { prompt: judge } });
      expect((await r.run("Stop", f.payload({ hook_event_name: "Stop" }))).block).toEqual({ reason: "run the tests first" });
      expect(await r.run("Stop", f.payload({ hook_event_name: "Stop" }))).toEqual({});
      const asked = server.requests[0]!.body as { model: string; messages: Array<{ content: string }> };
      expect(asked.model).toBe("claude-haiku-5-5");
      expect(asked.messages[0]!.content).toContain('"hook_event_name":"Stop"');
    } finally {
      await server.close();
    }
  });

  test("kinds without an executor are refused at load, with the reason", () => {
    const f = fixture();
    const r = f.runner({ Stop: [{ hooks: [{ type: "agent", prompt: "verify" }, { type: "function", function: "check" }] }] });
    expect(r.active).toEqual([]);
    expect(f.notices).toEqual([expect.stringMatching(/hook not loaded: Stop:agent verify .*agent hooks need a sub-agent executor/), expect.stringMatching(/function hooks need a plugin host/)]);
  });

  test.each([
    ["", "Bash", true],
    ["*", "Edit", true],
    ["Bash", "Bash", true],
    ["Bash", "BashOutput", false],
    ["Edit|Write", "Write", true],
    ["Edit|Write", "Read", false],
    ["mcp__.*__write.*", "mcp__fs__write_file", true],
    ["Notebook.*", "Read", false],
    ["[unclosed", "Bash", false],
  ] as const)("matcher %j against %s → %p", (matcher, tool, want) => expect(matcherMatches(matcher, tool)).toBe(want));
});


describe("callback hooks", () => {
  test("a registered in-process callback is called with the payload and can block; an unknown name is refused", async () => {
    const { registerHookCallback } = await import("../../src/hooks/index.ts");
    const f = fixture();
    const seen: string[] = [];
    const unregister = registerHookCallback("guard-secrets", (p) => {
      seen.push(String(p.tool_name));
      return { block: { reason: "no secrets" } };
    });
    try {
      const r = await f.runner({ PreToolUse: [{ hooks: [{ type: "callback", callback: "guard-secrets" }] }] }).run("PreToolUse", f.payload());
      expect(r.block).toEqual({ reason: "no secrets" });
      expect(seen).toEqual(["Bash"]);
    } finally {
      unregister();
    }
    const gone = f.runner({ PreToolUse: [{ hooks: [{ type: "callback", callback: "guard-secrets" }] }] });
    expect(gone.active).toEqual([]);
    expect(f.notices.at(-1)).toContain('no in-process callback named "guard-secrets" is registered');
  });
});
