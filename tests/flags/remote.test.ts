// The remote GrowthBook path against a loopback server, evaluated by the real SDK:
// targeting on attributes, deterministic percentage rollouts, encrypted payloads, the
// stale disk cache when the host is down or slow, and SSE pushes emitting FlagChanged.
import { afterEach, describe, expect, test } from "bun:test";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type FlagChanged, FlagSession } from "../../src/flags/index.ts";
import { type GrowthBookServer, newEncryptionKey, type Payload, startGrowthBook } from "../support/growthbook/server.ts";
import { freshContext } from "./helpers.ts";

const servers: GrowthBookServer[] = [];
const sessions: FlagSession[] = [];
afterEach(async () => {
  for (const s of sessions.splice(0)) s.close();
  for (const s of servers.splice(0)) await s.stop();
});

function serve(payload: Payload, extra: { sse?: boolean; encryptionKey?: string } = {}) {
  const s = startGrowthBook({ payload, ...extra });
  servers.push(s);
  return s;
}

async function open(server: GrowthBookServer, settings: Record<string, unknown> = {}, ctx = freshContext()) {
  const flags = await FlagSession.open({ ...ctx, settings: { apiHost: server.url, clientKey: server.clientKey, ...settings } }, { network: true });
  sessions.push(flags);
  return flags;
}

describe("targeting and rollouts (real SDK)", () => {
  const targeted: Payload = {
    features: {
      buddy: { defaultValue: false, rules: [{ id: "fr_team", condition: { team: "core" }, force: true }] },
      harbor: { defaultValue: false, rules: [{ id: "fr_linux", condition: { platform: "linux", version: { $exists: true } }, force: true }] },
    },
  };

  test("a condition on a settings attribute switches a flag for matching installs only", async () => {
    const server = serve(targeted);
    const core = await open(server, { attributes: { team: "core" } });
    expect(core.snapshot.buddy).toBe(true);
    expect(core.states.buddy).toMatchObject({ source: "remote", rule: "rule fr_team" });
    const other = await open(server, { attributes: { team: "docs" } });
    expect(other.snapshot.buddy).toBe(false);
    expect(other.states.buddy.rule).toBeUndefined();
  });

  test("built-in attributes (platform, version) are targetable", async () => {
    const flags = await open(serve(targeted));
    expect(flags.snapshot.harbor).toBe(process.platform === "linux");
  });

  const rollout = (coverage: number): Payload => ({
    features: { kairos: { defaultValue: false, rules: [{ id: "fr_roll", force: true, coverage, hashAttribute: "id", seed: "kairos-rollout" }] } },
  });

  test("a percentage rollout gives the same install the same answer every session", async () => {
    const server = serve(rollout(0.5));
    const ctx = freshContext();
    const first = (await open(server, {}, ctx)).snapshot.kairos;
    for (let i = 0; i < 3; i++) expect((await open(server, {}, ctx)).snapshot.kairos).toBe(first);
  });

  test("over many install ids the rollout lands near its percentage", async () => {
    const server = serve(rollout(0.3));
    let on = 0;
    const n = 400;
    // The install id is the hash attribute; each id here is a real install (own state dir).
    for (let i = 0; i < n; i++) if ((await open(server)).snapshot.kairos) on++;
    expect(on / n).toBeGreaterThan(0.22);
    expect(on / n).toBeLessThan(0.38);
  });
});

describe("encrypted payloads", () => {
  const payload: Payload = { features: { dream: { defaultValue: true } } };

  test("decrypt with settings.flags.decryptionKey; the cache keeps the ciphertext", async () => {
    const key = newEncryptionKey();
    const server = serve(payload, { encryptionKey: key });
    const ctx = freshContext();
    const flags = await open(server, { decryptionKey: key }, ctx);
    expect(flags.snapshot.dream).toBe(true);
    expect(flags.states.dream.source).toBe("remote");
    const cached = readFileSync(join(ctx.paths.cacheDir, "flags-remote.json"), "utf8");
    expect(cached).toContain("encryptedFeatures");
    expect(cached).not.toContain('"dream"');
  });

  test("the real SDK decrypts what the test server encrypts (the scheme is GrowthBook's)", async () => {
    const { GrowthBook } = await import("@growthbook/growthbook");
    const key = newEncryptionKey();
    const server = serve(payload, { encryptionKey: key });
    const body = await (await fetch(`${server.url}/api/features/${server.clientKey}`)).json();
    const gb = new GrowthBook({ decryptionKey: key });
    await gb.setPayload(body);
    expect(gb.evalFeature("dream").value).toBe(true);
  });

  test("a wrong key is a clear error naming the setting, and no cache is written", async () => {
    const server = serve(payload, { encryptionKey: newEncryptionKey() });
    const ctx = freshContext();
    await expect(open(server, { decryptionKey: newEncryptionKey() }, ctx)).rejects.toThrow("settings.flags.decryptionKey does not decrypt encryptedFeatures");
    expect(existsSync(join(ctx.paths.cacheDir, "flags-remote.json"))).toBe(false);
  });

  test("an encrypted payload without a key says which setting is missing", async () => {
    const server = serve(payload, { encryptionKey: newEncryptionKey() });
    await expect(open(server)).rejects.toThrow("settings.flags.decryptionKey is not set");
  });
});

describe("offline and slow hosts", () => {
  test("host down: the stale cache serves, with its age and the reason", async () => {
    let clock = Date.parse("2026-11-24T09:00:00Z");
    const server = serve({ features: { thinkback: { defaultValue: true } } });
    const ctx = freshContext({ now: () => clock });
    const online = await open(server, {}, ctx);
    expect(online.remote).toMatchObject({ fresh: true, fetchedAt: clock });

    server.failWith(503);
    clock += 90 * 60_000;
    const offline = await open(server, {}, ctx);
    expect(offline.snapshot.thinkback).toBe(true);
    expect(offline.states.thinkback.source).toBe("remote");
    expect(offline.remote).toMatchObject({ fresh: false, fetchedAt: clock - 90 * 60_000, error: "HTTP 503" });
  });

  test("host slow: after the init timeout the stale cache serves", async () => {
    const server = serve({ features: { thinkback: { defaultValue: true } } });
    const ctx = freshContext();
    await open(server, {}, ctx);
    server.setPayload({ features: { thinkback: { defaultValue: false } } });
    server.delay(2_000);
    const slow = await open(server, { timeoutMs: 100 }, ctx);
    expect(slow.snapshot.thinkback).toBe(true);
    expect(slow.remote?.error).toBe("no answer within 100 ms");
  });

  test("host down and no cache: embedded defaults, and the reason is kept", async () => {
    const server = serve({ features: { thinkback: { defaultValue: true } } });
    server.failWith(500);
    const flags = await open(server);
    expect(flags.snapshot.thinkback).toBe(false);
    expect(flags.states.thinkback.source).toBe("default");
    expect(flags.remote).toMatchObject({ fresh: false, error: "HTTP 500" });
    expect(flags.remote?.payload).toBeUndefined();
  });

  test("without the network (start-up path) only the cache is read", async () => {
    const server = serve({ features: { thinkback: { defaultValue: true } } });
    const ctx = freshContext();
    const settings = { apiHost: server.url, clientKey: server.clientKey };
    const cold = await FlagSession.open({ ...ctx, settings });
    expect(cold.snapshot.thinkback).toBe(false);
    await open(server, {}, ctx);
    const before = server.hits[`/api/features/${server.clientKey}`];
    const warm = await FlagSession.open({ ...ctx, settings });
    expect(warm.snapshot.thinkback).toBe(true);
    expect(server.hits[`/api/features/${server.clientKey}`]).toBe(before as number);
  });
});

describe("live updates", () => {
  test("an SSE push changes the snapshot and emits FlagChanged", async () => {
    const server = serve({ features: { undercover: { defaultValue: false } } }, { sse: true });
    const flags = await open(server);
    expect(flags.remote?.sse).toBe(true);
    const seen: FlagChanged[] = [];
    const changed = new Promise<void>((resolve) =>
      flags.on((e) => {
        seen.push(e);
        resolve();
      }),
    );
    await flags.startSync();
    await server.streams(1);
    server.setPayload({ features: { undercover: { defaultValue: true } } });
    await server.push();
    await changed;
    expect(seen).toEqual([{ type: "flag_changed", key: "undercover", previous: false, value: true, source: "remote" }]);
    expect(flags.snapshot.undercover).toBe(true);
  });

  test("an encrypted SSE push, and a features-updated event that makes the client re-fetch", async () => {
    const key = newEncryptionKey();
    const server = serve({ features: { inbox: { defaultValue: false } } }, { sse: true, encryptionKey: key });
    const flags = await open(server, { decryptionKey: key });
    const seen: FlagChanged[] = [];
    let wake = () => {};
    flags.on((e) => {
      seen.push(e);
      wake();
    });
    const next = () => new Promise<void>((r) => (wake = r));
    await flags.startSync();
    await server.streams(1);

    let changed = next();
    server.setPayload({ features: { inbox: { defaultValue: true } } });
    await server.push();
    await changed;
    expect(flags.snapshot.inbox).toBe(true);

    changed = next();
    const fetches = server.hits[`/api/features/${server.clientKey}`] as number;
    server.setPayload({ features: { inbox: { defaultValue: false } } });
    server.pushUpdated();
    await changed;
    expect(server.hits[`/api/features/${server.clientKey}`]).toBe(fetches + 1);
    expect(seen.map((e) => e.value)).toEqual([true, false]);
  });

  test("no SSE offered: no stream is opened; refresh() picks up a change", async () => {
    const server = serve({ features: { undercover: { defaultValue: false } } });
    const flags = await open(server);
    await flags.startSync();
    const seen: FlagChanged[] = [];
    flags.on((e) => seen.push(e));
    server.setPayload({ features: { undercover: { defaultValue: true } } });
    await flags.refresh();
    expect(seen.map((e) => [e.key, e.value])).toEqual([["undercover", true]]);
    expect(server.hits[`/sub/${server.clientKey}`]).toBeUndefined();
  });

  test("a local override hides a remote change: no event", async () => {
    const server = serve({ features: { undercover: { defaultValue: false } } });
    const flags = await open(server, {}, freshContext({ env: { KEEL_FLAGS: "undercover=false" } }));
    const seen: FlagChanged[] = [];
    flags.on((e) => seen.push(e));
    server.setPayload({ features: { undercover: { defaultValue: true } } });
    await flags.refresh();
    expect(seen).toEqual([]);
  });
});
