// Every attack builds a hostile registry on the fly (the real builder with hooks, or a real
// loopback server misbehaving) and shows two things: a clear RegistryError naming what failed,
// and the metadata cache byte-for-byte as it was — nothing trusted from the hostile registry.
import { afterEach, describe, expect, test } from "bun:test";
import { copyFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateKeys } from "../../../scripts/registry/index.ts";
import { newPrivateKeyPem as newKeyPair } from "../../../src/plugins/index.ts";
import { RegistryError, type Registry, RevokedError, revocationOf } from "../../../src/plugins/registry/index.ts";
import { type Fixture, hashTree, makeRegistry, samplePlugin, servedFile, tempDir } from "../../support/registry/fixture.ts";
import { openVia, type Opened, type TransportKind } from "../../support/registry/transports.ts";

const opened: Opened[] = [];
afterEach(async () => {
  for (const o of opened.splice(0)) await o.close();
});

function open(fx: Fixture, kind: TransportKind = "http", o: { deadlineMs?: number; now?: () => Date } = {}) {
  const cache = tempDir("keel-reg-cache-");
  const op = openVia(kind, fx, cache, o);
  opened.push(op);
  const dir = () => join(cache, op.registry.source.id);
  return { ...op, r: op.registry, cache, dir };
}

/** Runs `act`, expects a RegistryError whose message matches every pattern, and an untouched cache. */
async function refused(dir: string, act: () => Promise<unknown>, ...patterns: RegExp[]): Promise<string> {
  const before = hashTree(dir);
  const e = await act().then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(RegistryError);
  const msg = (e as Error).message;
  for (const p of patterns) expect(msg).toMatch(p);
  expect(hashTree(dir)).toBe(before);
  return msg;
}

const trusted = async (r: Registry) => {
  await r.refresh();
  return r;
};

describe("archives", () => {
  test("tampered archive (same length, one byte changed): download refuses it", async () => {
    const fx = makeRegistry();
    const { r, dir } = open(fx);
    const t = await (await trusted(r)).resolve("hello");
    const file = join(fx.dir, servedFile(fx, t.path));
    const bytes = fx.read(servedFile(fx, t.path));
    bytes[bytes.length - 10] = (bytes[bytes.length - 10] as number) ^ 0xff;
    writeFileSync(file, bytes);
    await refused(dir(), () => r.download(t), /acme\/hello\/hello-1\.1\.0\.tgz does not match its signed sha256/, /tampered/);
  });

  for (const kind of ["http", "dir"] as const) {
    test(`archive longer than signed (${kind}): download stops at the signed length and refuses it`, async () => {
      const fx = makeRegistry();
      const { r, dir, server } = open(fx, kind);
      const t = await (await trusted(r)).resolve("hello");
      const rel = servedFile(fx, t.path);
      if (server) server.fault(`/${rel}`, { append: 1_000_000, chunked: true });
      else writeFileSync(join(fx.dir, rel), new Uint8Array([...fx.read(rel), ...new Uint8Array(1_000_000)]));
      const seen: number[] = [];
      await refused(dir(), () => r.download(t, { onProgress: (d) => seen.push(d) }), /is longer than the \d+ bytes its signer signed/);
      expect(Math.max(0, ...seen)).toBeLessThanOrEqual(t.length);
    });
  }

  test("a slow archive download ends at the deadline, and a caller's abort ends it sooner", async () => {
    const fx = makeRegistry();
    const { r, dir, server } = open(fx, "http", { deadlineMs: 400 });
    const t = await (await trusted(r)).resolve("hello");
    server?.fault(`/${servedFile(fx, t.path)}`, { trickle: { bytes: 16, everyMs: 100 } });
    await refused(dir(), () => r.download(t), /did not answer before the deadline/);
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(new Error("stop")), 50);
    await refused(dir(), () => r.download(t, { signal: ctl.signal }), /cancelled/);
  });
});

describe("signatures and thresholds", () => {
  test("bad signature on targets: signed by a key root does not trust", async () => {
    const fx = makeRegistry();
    const { r, dir } = open(fx);
    await trusted(r);
    fx.plugins.push(samplePlugin("hello", { version: "3.0.0" }));
    fx.rebuild({ keys: { ...fx.keys, targets: { ...fx.keys.targets, signers: [newKeyPair()] } } });
    await refused(dir(), () => r.refresh(), /targets metadata is signed by 0 of the 1 trusted keys/, /nothing was trusted/);
  });

  test("bad signature on targets: the signature bytes do not verify", async () => {
    const fx = makeRegistry();
    const { r, dir } = open(fx);
    await trusted(r);
    fx.plugins.push(samplePlugin("hello", { version: "3.0.0" }));
    fx.rebuild({
      hooks: {
        envelope(role, env) {
          if (role === "targets") env.signatures = env.signatures.map((s) => ({ ...s, sig: `${s.sig.slice(0, -2)}${s.sig.endsWith("00") ? "11" : "00"}` }));
        },
      },
    });
    await refused(dir(), () => r.refresh(), /targets\.json: targets metadata is signed by 0 of the 1/);
  });

  test("one key counted twice: the same signature listed twice is refused", async () => {
    const fx = makeRegistry({ keys: generateKeys(["acme", "bolt"], { targets: { keys: 2, threshold: 2 } }) });
    const { r, dir } = open(fx);
    await trusted(r);
    fx.plugins.push(samplePlugin("hello", { version: "3.0.0" }));
    const one = fx.keys.targets.keys[0] as string;
    fx.rebuild({
      keys: { ...fx.keys, targets: { ...fx.keys.targets, signers: [one] } },
      hooks: { envelope: (role, env) => void (role === "targets" && env.signatures.push({ ...(env.signatures[0] as { keyid: string; sig: string }) })) },
    });
    await refused(dir(), () => r.refresh(), /signs twice: a key may count only once toward a threshold/);
  });

  test("one key counted twice: a delegation lists one publisher key under two ids (threshold 2)", async () => {
    const fx = makeRegistry();
    const { r, dir } = open(fx);
    await trusted(r);
    fx.plugins.push(samplePlugin("hello", { version: "3.0.0" }));
    const fake = "f".repeat(64);
    fx.rebuild({
      hooks: {
        signed(role, body) {
          if (role !== "targets") return;
          const d = body.delegations as { keys: Record<string, unknown>; roles: { name: string; keyids: string[]; threshold: number }[] };
          const acme = d.roles.find((x) => x.name === "acme") as { keyids: string[]; threshold: number };
          d.keys[fake] = d.keys[acme.keyids[0] as string];
          acme.keyids.push(fake);
          acme.threshold = 2;
        },
        envelope(role, env) {
          if (role === "acme") env.signatures.push({ keyid: fake, sig: (env.signatures[0] as { sig: string }).sig });
        },
      },
    });
    await refused(dir(), () => r.refresh(), /targets\.json lists one key under two key ids/, /may count only once/);
  });

  test("one key counted twice: a first root with one root key under two ids is never pinned", async () => {
    const fake = "e".repeat(64);
    const fx = makeRegistry({
      build: {
        hooks: {
          signed(role, body) {
            if (role !== "root") return;
            const b = body as { keys: Record<string, unknown>; roles: { root: { keyids: string[]; threshold: number } } };
            b.keys[fake] = b.keys[b.roles.root.keyids[0] as string];
            b.roles.root.keyids.push(fake);
            b.roles.root.threshold = 2;
          },
          envelope(role, env) {
            if (role === "root") env.signatures.push({ keyid: fake, sig: (env.signatures[0] as { sig: string }).sig });
          },
        },
      },
    });
    const { r, dir } = open(fx);
    await refused(dir(), () => r.refresh(), /1\.root\.json lists one key under two key ids/);
  });
});

describe("rollback, freeze, mix and match", () => {
  test("replayed old timestamp (rollback)", async () => {
    const fx = makeRegistry();
    const old = fx.snapshotCopy();
    const { r, dir } = open(fx);
    fx.plugins.push(samplePlugin("hello", { version: "3.0.0" }));
    fx.rebuild();
    expect((await r.refresh()).timestampVersion).toBe(2);
    fx.restore(old);
    await refused(dir(), () => r.refresh(), /timestamp version 1 is older than the trusted version 2 \(rollback\)/);
  });

  test("expired timestamp (freeze), published stale", async () => {
    const fx = makeRegistry();
    const { r, dir } = open(fx);
    await trusted(r);
    fx.rebuild({ expires: { timestamp: "2020-01-01T00:00:00Z" } });
    await refused(dir(), () => r.refresh(), /timestamp metadata has expired \(freeze/);
  });

  test("expired timestamp (freeze), judged by the client's clock", async () => {
    const fx = makeRegistry();
    const { r, dir, reopen } = open(fx);
    await trusted(r);
    const later = reopen({ now: () => new Date("2028-01-01T00:00:00Z") });
    await refused(dir(), () => later.refresh(), /timestamp metadata has expired/);
  });

  test("mix and match: the timestamp names a snapshot version the served snapshot is not", async () => {
    const fx = makeRegistry({
      build: {
        hooks: {
          signed(role, body) {
            if (role === "timestamp") (body.meta as Record<string, { version: number }>)["snapshot.json"]!.version = 2;
          },
        },
      },
    });
    copyFileSync(join(fx.dir, "metadata/1.snapshot.json"), join(fx.dir, "metadata/2.snapshot.json"));
    const { r, dir } = open(fx);
    await refused(dir(), () => r.refresh(), /snapshot is not the version the timestamp names \(mix and match\)/);
  });

  test("mix and match: a new timestamp served with an old snapshot's bytes", async () => {
    const fx = makeRegistry();
    const oldSnapshot = fx.read("metadata/1.snapshot.json");
    const { r, dir } = open(fx);
    await trusted(r);
    fx.plugins.push(samplePlugin("hello", { version: "3.0.0" }));
    fx.rebuild();
    writeFileSync(join(fx.dir, "metadata/2.snapshot.json"), oldSnapshot);
    await refused(dir(), () => r.refresh(), /2\.snapshot\.json: .*(length and hash|mix and match)/);
  });
});

describe("sizes and time", () => {
  test("oversized metadata: an endless timestamp stops at tuf-js's cap", async () => {
    const fx = makeRegistry();
    const { r, dir, server } = open(fx);
    await trusted(r);
    server?.fault("/metadata/timestamp.json", { endless: true });
    await refused(dir(), () => r.refresh(), /metadata\/timestamp\.json is larger than the 16384 bytes allowed/);
  });

  test("oversized metadata: a snapshot longer than the timestamp says is refused before it is read", async () => {
    const fx = makeRegistry();
    const { r, dir, server } = open(fx);
    await trusted(r);
    fx.plugins.push(samplePlugin("hello", { version: "3.0.0" }));
    fx.rebuild();
    server?.fault("/metadata/2.snapshot.json", { append: 10_000_000 });
    await refused(dir(), () => r.refresh(), /2\.snapshot\.json is larger than the \d+ bytes allowed/);
  });

  test("a slow server with no cache: the overall deadline ends the refresh with a clear error", async () => {
    const fx = makeRegistry();
    const { r, dir, server } = open(fx, "http", { deadlineMs: 400 });
    server?.fault("/metadata/timestamp.json", { delayMs: 5_000 });
    await refused(dir(), () => r.refresh(), /unreachable: .*timestamp\.json did not answer before the deadline/);
  });

  test("a server trickling bytes: the deadline is overall, not per read", async () => {
    const fx = makeRegistry();
    const { r, dir, server } = open(fx, "http", { deadlineMs: 500 });
    server?.fault(/\.snapshot\.json$/, { trickle: { bytes: 8, everyMs: 50 } });
    await refused(dir(), () => r.refresh(), /did not answer before the deadline/);
  });

  test("a slow server with a verified cache: works from the cache and says so", async () => {
    const fx = makeRegistry();
    const { r, dir, server, reopen } = open(fx, "http", { deadlineMs: 400 });
    await trusted(r);
    server?.fault("/metadata/timestamp.json", { delayMs: 5_000 });
    const before = hashTree(dir());
    const later = reopen();
    const report = await later.refresh();
    expect(report.offline).toBe(true);
    expect(report.reason).toMatch(/did not answer before the deadline/);
    expect(hashTree(dir())).toBe(before);
    expect((await later.catalog()).map((e) => e.name)).toEqual(["hello", "lint-fix"]);
    expect((await later.resolve("hello")).custom.version).toBe("1.1.0");
  });
});

test("a failing server (503) with a verified cache: works from the cache and says so", async () => {
  const fx = makeRegistry();
  const { r, dir, server, reopen } = open(fx);
  await trusted(r);
  server?.fault(/.*/, { status: 503 });
  const before = hashTree(dir());
  const report = await reopen().refresh();
  expect(report).toMatchObject({ offline: true, timestampVersion: 1 });
  expect(report.reason).toContain("answered HTTP 503");
  expect(hashTree(dir())).toBe(before);
});

test("a directory registry that went away: the verified cache stands in; with no cache, a clear error", async () => {
  const fx = makeRegistry();
  const { r, dir, reopen } = open(fx, "dir");
  await trusted(r);
  const { rmSync } = await import("node:fs");
  rmSync(join(fx.dir, "metadata"), { recursive: true });
  const before = hashTree(dir());
  const report = await reopen().refresh();
  expect(report.offline).toBe(true);
  expect(report.reason).toContain("metadata/timestamp.json does not exist (is this a keel registry?)");
  expect(hashTree(dir())).toBe(before);
  const empty = open(fx, "dir");
  await refused(empty.dir(), () => empty.r.refresh(), /has no metadata\/1\.root\.json: it is not a keel registry/);
});

test("an oversized first root is refused as oversized, not as an outage", async () => {
  const fx = makeRegistry();
  const { r, dir, server } = open(fx);
  server?.fault("/metadata/1.root.json", { endless: true });
  await refused(dir(), () => r.refresh(), /metadata\/1\.root\.json is larger than the 512000 bytes allowed/);
});

describe("root rotation", () => {
  const twoOfTwo = () => generateKeys(["acme", "bolt"], { root: { keys: 2, threshold: 2 } });

  test("a rotation signed by both old root keys is accepted (the control case)", async () => {
    const fx = makeRegistry({ keys: twoOfTwo() });
    const { r } = open(fx);
    await trusted(r);
    const old = fx.keys.root.keys;
    fx.keys = { ...fx.keys, root: { keys: [newKeyPair(), newKeyPair()], threshold: 2 }, timestamp: { keys: [newKeyPair()] } };
    fx.rebuild({ previousRootKeys: old });
    expect(await r.refresh()).toMatchObject({ rootVersion: 2, timestampVersion: 2 });
  });

  test("a rotation signed by only one of two old root keys (below threshold)", async () => {
    const fx = makeRegistry({ keys: twoOfTwo() });
    const { r, dir } = open(fx);
    await trusted(r);
    const old = fx.keys.root.keys;
    fx.keys = { ...fx.keys, root: { keys: [newKeyPair(), newKeyPair()], threshold: 2 }, timestamp: { keys: [newKeyPair()] } };
    fx.rebuild({ previousRootKeys: [old[0] as string] });
    await refused(dir(), () => r.refresh(), /2\.root\.json: root metadata is signed by 1 of the 2 trusted keys/);
  });

  /** A trusted client, then a registry whose root (and timestamp key) rotated straight to version 3. */
  async function rotatedToRoot3() {
    const fx = makeRegistry();
    const { r, dir } = open(fx);
    await trusted(r);
    const old = fx.keys.root.keys;
    fx.keys = { ...fx.keys, root: { keys: [newKeyPair()] }, timestamp: { keys: [newKeyPair()] } };
    fx.rebuild({ previousRootKeys: old, versions: { root: 3 } });
    return { fx, r, dir };
  }

  test("skipped root versions: version 3 served where 2 is due", async () => {
    const { fx, r, dir } = await rotatedToRoot3();
    copyFileSync(join(fx.dir, "metadata/3.root.json"), join(fx.dir, "metadata/2.root.json"));
    await refused(dir(), () => r.refresh(), /root version 3 was served where 2 was due/);
  });

  test("skipped root versions: without the rotation in between, the new keys are not trusted", async () => {
    const { fx, r, dir } = await rotatedToRoot3();
    await refused(dir(), () => r.refresh(), /timestamp\.json: timestamp metadata is signed by 0 of the 1 trusted keys/);
  });
});

describe("the catalog", () => {
  test("a catalog that is not a keel catalog is refused at refresh", async () => {
    const fx = makeRegistry();
    const { r, dir } = open(fx);
    await trusted(r);
    fx.rebuild({ hooks: { catalog: (c) => void Object.assign(c, { format: "other/2" }) } });
    await refused(dir(), () => r.refresh(), /catalog\.json: format: /);
  });

  test("a catalog signed with a length past the cap is refused before a byte of it is read", async () => {
    const fx = makeRegistry({
      build: {
        hooks: {
          signed(role, body) {
            if (role === "targets") ((body.targets as Record<string, { length: number }>)["catalog.json"] as { length: number }).length = 2 ** 40;
          },
        },
      },
    });
    const { r, dir, server } = open(fx);
    await refused(dir(), () => r.refresh(), /catalog\.json is signed as 1099511627776 bytes, over the 67108864 a catalog may have; refused/);
    expect(server?.requests.some((u) => u.includes("catalog.json"))).toBe(false);
  });

  test("a malformed row is named when it is handed out; other rows still work", async () => {
    const fx = makeRegistry({ build: { hooks: { catalog: (c) => void ((c.plugins[0] as { latest: { capabilities: string[] } }).latest.capabilities = ["root"]) } } });
    const { r } = open(fx);
    await trusted(r);
    expect((await r.search("lint")).map((e) => e.name)).toEqual(["lint-fix"]);
    const e = await r.catalog().catch((err: Error) => err);
    expect(e).toBeInstanceOf(RegistryError);
    expect((e as Error).message).toMatch(/catalog\.json plugin #0 \(hello\): latest\.capabilities\.0: /);
  });
});

describe("publishers and revocation", () => {
  test("a publisher signing a target in another publisher's namespace is never consulted for it", async () => {
    const fx = makeRegistry({
      build: {
        hooks: {
          signed(role, body) {
            if (role !== "bolt") return;
            const targets = body.targets as Record<string, { custom: { keel: Record<string, unknown> } }>;
            const [, entry] = Object.entries(targets)[0] as [string, { custom: { keel: Record<string, unknown> } }];
            targets["acme/hello/hello-3.0.0.tgz"] = { ...entry, custom: { keel: { ...entry.custom.keel, name: "hello", version: "3.0.0", publisher: "acme" } } };
          },
          catalog: (c) => void c.plugins.find((p) => p.latest.name === "hello")?.versions.unshift("3.0.0"),
        },
      },
    });
    const { r, dir } = open(fx);
    await trusted(r);
    await refused(dir(), () => r.resolve("hello", "3.0.0"), /hello has no version 3\.0\.0 signed by acme/);
    await refused(dir(), () => r.resolve("hello"), /hello has no version 3\.0\.0 signed by acme/);
  });

  test("a publisher signing its own path under another publisher's name is refused", async () => {
    const fx = makeRegistry({
      build: {
        hooks: {
          signed(role, body) {
            if (role !== "bolt") return;
            for (const t of Object.values(body.targets as Record<string, { custom: { keel: Record<string, unknown> } }>)) t.custom.keel.publisher = "acme";
          },
        },
      },
    });
    const { r, dir } = open(fx);
    await trusted(r);
    await refused(dir(), () => r.resolve("lint-fix"), /is signed as acme\/lint-fix@1\.0\.0: a publisher may sign only its own plugins/);
  });

  test("top-level targets signing a plugin itself does not stand in for the publisher", async () => {
    const fx = makeRegistry({
      build: {
        hooks: {
          signed(role, body) {
            if (role === "targets") (body.targets as Record<string, unknown>)["acme/hello/hello-1.1.0.tgz"] = { length: 1, hashes: { sha256: "0".repeat(64) } };
          },
        },
      },
    });
    const { r, dir } = open(fx);
    await trusted(r);
    await refused(dir(), () => r.resolve("hello"), /top-level targets signs acme\/hello\/hello-1\.1\.0\.tgz itself/);
  });

  test("a publisher delegated too wide a pattern (ac*/…) cannot stand in for acme, even over acme's cached metadata", async () => {
    // Top-level delegates "ac" with ac*/*/* ahead of acme (terminating), so tuf-js finds acme's
    // path in ac's role and never loads acme's. ac re-signs acme's archive (same bytes) with
    // wider capabilities, after acme revoked that version: the client must not take ac's word.
    const plugins = [samplePlugin("hello"), samplePlugin("hello", { version: "1.1.0" }), samplePlugin("tool", { publisher: "ac" })];
    const fx = makeRegistry({ plugins });
    const { r, dir } = open(fx);
    const good = await (await trusted(r)).resolve("hello", "1.1.0");
    fx.plugins = [samplePlugin("hello"), samplePlugin("hello", { version: "1.1.0", revoked: "leaked" }), samplePlugin("tool", { publisher: "ac" })];
    fx.rebuild({
      hooks: {
        signed(role, body) {
          if (role === "ac") {
            (body.targets as Record<string, unknown>)[good.path] = {
              length: good.length,
              hashes: { sha256: good.sha256 },
              custom: { keel: { ...good.custom, capabilities: ["network", "prompt", "run-commands", "write-files"] } },
            };
          }
          if (role === "targets") {
            const roles = (body.delegations as { roles: { name: string; paths: string[] }[] }).roles;
            const ac = roles.find((x) => x.name === "ac") as { paths: string[] };
            ac.paths = ["ac*/*/*"];
          }
        },
      },
    });
    await r.refresh();
    await refused(dir(), () => r.resolve("hello", "1.1.0"), /acme\/hello\/hello-1\.1\.0\.tgz/, /not as acme's own delegated role signed it/);
  });

  test("a plugin whose every version is revoked is not listed, and resolve says why", async () => {
    const fx = makeRegistry({ plugins: [samplePlugin("gone", { revoked: "the publisher's key leaked" }), samplePlugin("lint-fix", { publisher: "bolt" })] });
    const { r, dir } = open(fx);
    expect((await (await trusted(r)).catalog()).map((e) => e.name)).toEqual(["lint-fix"]);
    await refused(dir(), () => r.resolve("gone"), /every version of gone is revoked by acme: 1\.0\.0 \(the publisher's key leaked\)/);
  });

  test("a version revoked after it was published: resolve refuses it, naming the reason", async () => {
    const fx = makeRegistry();
    const { r, dir } = open(fx);
    expect((await (await trusted(r)).resolve("hello")).custom.version).toBe("1.1.0");
    fx.plugins = [samplePlugin("hello"), samplePlugin("hello", { version: "1.1.0", revoked: "CVE-2026-0001: runs curl | sh" }), samplePlugin("lint-fix", { publisher: "bolt" })];
    fx.rebuild();
    await r.refresh();
    await refused(dir(), () => r.resolve("hello", "1.1.0"), /hello@1\.1\.0 was revoked by acme: CVE-2026-0001: runs curl \| sh/);
    // A distinct class, so `keel plugin rollback` can refuse a revoked version and let other failures through.
    expect(await r.resolve("hello", "1.1.0").catch((e: unknown) => e)).toBeInstanceOf(RevokedError);
    const installed = (version: string) => ({ name: "hello", version, signed: true, source: `registry:${r.source.id}` });
    expect(await revocationOf(r, installed("1.1.0"))).toMatch(/hello@1\.1\.0 was revoked by acme: CVE-2026-0001/);
    expect(await revocationOf(r, installed("1.0.0"))).toBeUndefined();
    expect(await revocationOf(r, { ...installed("1.1.0"), source: "registry:elsewhere" })).toBeUndefined();
    expect((await r.resolve("hello")).custom.version).toBe("1.0.0");
  });
});
