// PreModelSwitch / PostModelSwitch: `/model <name>` in the REPL goes through switchModel
// (the function its command handler calls), and the recovery ladder's fallback (layer 6)
// runs the same hooks against the test server scripting persistent 529s. A
// PreModelSwitch block keeps the model, with the hook's reason.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { switchModel } from "../../src/engine/index.ts";
import { endOf, ofType, run, startServer } from "../engine/harness.ts";
import { type AnthropicServer, faults, text } from "../support/anthropic/index.ts";
import { fixture, merge, on } from "./helpers.ts";

let server: AnthropicServer;
let source: Awaited<ReturnType<typeof startServer>>["source"];
beforeAll(async () => ({ server, source } = await startServer()));
afterAll(() => server.close());

const fast = { baseDelayMs: 1, maxDelayMs: 50, random: () => 0, maxOverloaded: 1, fallbackModel: "claude-fallback-1" };

describe("/model <name> (reason: user)", () => {
  test("Pre then Post fire once each with from_model, to_model and reason; the switch applies between them", async () => {
    const f = fixture();
    const pre = f.recorder("pre");
    const post = f.recorder("post");
    const hooks = f.runner(merge(on("PreModelSwitch", pre.command), on("PostModelSwitch", post.command)));
    let model = "claude-sonnet-5-5";
    const r = await switchModel(hooks, { sessionId: "s1", cwd: f.dir, from: model, to: "claude-opus-5", reason: "user" }, () => {
      // Pre has run and Post has not: the switch sits between them.
      expect([pre.heard().length, post.heard().length]).toEqual([1, 0]);
      model = "claude-opus-5";
    });
    expect(r.blocked).toBeUndefined();
    expect(model).toBe("claude-opus-5");
    for (const [rec, event] of [[pre, "PreModelSwitch"], [post, "PostModelSwitch"]] as const) {
      expect(rec.heard()).toEqual([
        expect.objectContaining({ hook_event_name: event, session_id: "s1", cwd: f.dir, from_model: "claude-sonnet-5-5", to_model: "claude-opus-5", reason: "user" }),
      ]);
    }
  });

  test("a PreModelSwitch hook that exits 2 keeps the model; its stderr is the reason; Post does not fire", async () => {
    const f = fixture();
    const post = f.recorder("post");
    const pre = f.script("no.sh", "echo 'opus is not allowed on this project' >&2; exit 2");
    const hooks = f.runner(merge(on("PreModelSwitch", pre), on("PostModelSwitch", post.command)));
    let applied = false;
    const r = await switchModel(hooks, { sessionId: "s1", cwd: f.dir, from: "a", to: "b", reason: "user" }, () => (applied = true));
    expect(r.blocked).toBe("opus is not allowed on this project");
    expect(applied).toBe(false);
    expect(post.heard()).toEqual([]);
  });

  test('{"decision":"block"} on stdout blocks too', async () => {
    const f = fixture();
    const pre = f.script("no.sh", `echo '{"decision":"block","reason":"budget"}'`);
    const r = await switchModel(f.runner(on("PreModelSwitch", pre)), { sessionId: "s1", cwd: f.dir, from: "a", to: "b", reason: "user" }, () => {});
    expect(r.blocked).toBe("budget");
  });

  test("the matcher is tested against reason: a hook for fallback only does not hear /model", async () => {
    const f = fixture();
    const pre = f.recorder("pre", "exit 2");
    let applied = false;
    const r = await switchModel(f.runner(on("PreModelSwitch", pre.command, "fallback")), { sessionId: "s1", cwd: f.dir, from: "a", to: "b", reason: "user" }, () => (applied = true));
    expect(r.blocked).toBeUndefined();
    expect(applied).toBe(true);
    expect(pre.heard()).toEqual([]);
  });

  test("switching to the model already in use is no switch: no hook runs", async () => {
    const f = fixture();
    const pre = f.recorder("pre");
    await switchModel(f.runner(on("PreModelSwitch", pre.command)), { sessionId: "s1", cwd: f.dir, from: "a", to: "a", reason: "user" }, () => {});
    expect(pre.heard()).toEqual([]);
  });
});

describe("the fallback model (layer 6, reason: fallback)", () => {
  test("persistent 529s: Pre and Post fire once each, and the calls after them go to the fallback", async () => {
    server.reset();
    const f = fixture();
    const pre = f.recorder("pre");
    const post = f.recorder("post");
    server.enqueue(faults.overloaded(), faults.overloaded(), text("done on the fallback"));
    const hooks = f.runner(merge(on("PreModelSwitch", pre.command), on("PostModelSwitch", post.command)));
    const events = await run({ source, cwd: f.dir, prompt: "hi", hooks, retry: fast });
    expect(endOf(events)).toMatchObject({ stop: "success", result: "done on the fallback" });
    expect(server.messageRequests().map((r) => r.body.model)).toEqual(["claude-sonnet-5-5", "claude-sonnet-5-5", "claude-fallback-1"]);
    const want = { session_id: "s-test", from_model: "claude-sonnet-5-5", to_model: "claude-fallback-1", reason: "fallback" };
    expect(pre.heard()).toEqual([expect.objectContaining({ hook_event_name: "PreModelSwitch", ...want })]);
    expect(post.heard()).toEqual([expect.objectContaining({ hook_event_name: "PostModelSwitch", ...want })]);
  });

  test("a blocking PreModelSwitch hook keeps the model: the run fails as the 529 it is, naming the hook's reason", async () => {
    server.reset();
    const f = fixture();
    const post = f.recorder("post");
    server.enqueue(faults.overloaded(), faults.overloaded(), text("never sent"));
    const pre = f.script("no.sh", "echo 'wait for the big model' >&2; exit 2");
    const events = await run({ source, cwd: f.dir, prompt: "hi", hooks: f.runner(merge(on("PreModelSwitch", pre), on("PostModelSwitch", post.command))), retry: fast });
    expect(endOf(events).stop).toBe("error_during_execution");
    expect(server.messageRequests().map((r) => r.body.model)).toEqual(["claude-sonnet-5-5", "claude-sonnet-5-5"]);
    const [err] = ofType(events, "error");
    expect(err).toMatchObject({ kind: "overloaded" });
    expect(err?.message).toContain("the switch to claude-fallback-1 was blocked by a PreModelSwitch hook: wait for the big model");
    expect(ofType(events, "retry").some((r) => r.reason.includes("switching to"))).toBe(false);
    expect(post.heard()).toEqual([]);
  });
});
