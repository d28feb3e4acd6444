// FlagChanged: a real FlagSession following the loopback GrowthBook server over SSE; each
// change of the resolved snapshot fires the hook once with flag, old_value, new_value and
// source. The session's start does not wait on the network; close() stops the following.
import { afterEach, describe, expect, test } from "bun:test";
import { FlagSession } from "../../src/flags/index.ts";
import { followFlags } from "../../src/hooks/index.ts";
import { freshContext } from "../flags/helpers.ts";
import { type GrowthBookServer, startGrowthBook } from "../support/growthbook/server.ts";
import { fixture, on } from "./helpers.ts";

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function until(check: () => boolean): Promise<void> {
  while (!check()) await Bun.sleep(10);
}

async function session(server: GrowthBookServer, ctx = freshContext()) {
  const flags = await FlagSession.open({ ...ctx, settings: { apiHost: server.url, clientKey: server.clientKey } });
  const f = fixture();
  const rec = f.recorder("flag");
  const follow = followFlags(flags, { runner: f.runner(on("FlagChanged", rec.command)), sessionId: "s1", cwd: f.dir, notify: (l) => f.notices.push(l) });
  cleanup.push(() => follow.close());
  return { flags, f, rec, follow };
}

function serve(features: Record<string, { defaultValue: unknown }>) {
  const server = startGrowthBook({ payload: { features }, sse: true });
  cleanup.push(() => server.stop());
  return server;
}

describe("FlagChanged", () => {
  test("an SSE push that changes a flag fires the hook once with flag, old_value, new_value and source", async () => {
    const server = serve({ undercover: { defaultValue: false } });
    const s = await session(server);
    await s.follow.ready;
    await server.streams(1);
    expect(s.rec.heard()).toEqual([]);
    server.setPayload({ features: { undercover: { defaultValue: true } } });
    await server.push();
    await until(() => s.rec.heard().length > 0);
    expect(s.rec.heard()).toEqual([expect.objectContaining({ hook_event_name: "FlagChanged", session_id: "s1", flag: "undercover", old_value: false, new_value: true, source: "remote" })]);
    expect(s.flags.snapshot.undercover).toBe(true);
  });

  test("the first fetch counts: a remote that differs from the cached start-up snapshot fires for that flag", async () => {
    const server = serve({ undercover: { defaultValue: true } });
    const s = await session(server);
    // Opened from the (empty) disk cache: the snapshot starts at the embedded default.
    expect(s.flags.snapshot.undercover).toBe(false);
    await s.follow.ready;
    await until(() => s.rec.heard().length > 0);
    expect(s.rec.heard().map((e) => [e.flag, e.old_value, e.new_value])).toEqual([["undercover", false, true]]);
  });

  test("the matcher is tested against the flag's key", async () => {
    const server = serve({ undercover: { defaultValue: false }, inbox: { defaultValue: false } });
    const flags = await FlagSession.open({ ...freshContext(), settings: { apiHost: server.url, clientKey: server.clientKey } });
    const f = fixture();
    const rec = f.recorder("inbox-only");
    const follow = followFlags(flags, { runner: f.runner(on("FlagChanged", rec.command, "inbox")), sessionId: "s1", cwd: f.dir, notify: () => {} });
    cleanup.push(() => follow.close());
    await follow.ready;
    await server.streams(1);
    server.setPayload({ features: { undercover: { defaultValue: true }, inbox: { defaultValue: false } } });
    await server.push();
    await until(() => flags.snapshot.undercover === true);
    server.setPayload({ features: { undercover: { defaultValue: true }, inbox: { defaultValue: true } } });
    await server.push();
    await until(() => rec.heard().length > 0);
    expect(rec.heard().map((e) => e.flag)).toEqual(["inbox"]);
  });

  test("after close() a push fires nothing", async () => {
    const server = serve({ undercover: { defaultValue: false } });
    const s = await session(server);
    await s.follow.ready;
    await server.streams(1);
    s.follow.close();
    server.setPayload({ features: { undercover: { defaultValue: true } } });
    await server.push();
    await Bun.sleep(200);
    expect(s.rec.heard()).toEqual([]);
  });
});
