// One contract, every transport: the embedded bundle, a directory, loopback HTTP. Each suite
// builds a real signed registry with the real builder and drives the real client (tuf-js).
import { afterEach, describe, expect, test } from "bun:test";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { EMBEDDED_SOURCE, openRegistry, RegistryError } from "../../../src/plugins/registry/index.ts";
import { unpackArchive } from "../../../src/plugins/install/unpack.ts";
import { hashTree, makeRegistry, samplePlugin, tempDir } from "../../support/registry/fixture.ts";
import { openVia, type Opened, TRANSPORTS } from "../../support/registry/transports.ts";

const opened: Opened[] = [];
afterEach(async () => {
  for (const o of opened.splice(0)) await o.close();
});

async function rejects(p: Promise<unknown>): Promise<RegistryError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(RegistryError);
  return e as RegistryError;
}

for (const kind of TRANSPORTS) {
  describe(`registry contract over ${kind}`, () => {
    const setup = () => {
      const fx = makeRegistry({
        plugins: [
          samplePlugin("hello"),
          samplePlugin("hello", { version: "1.1.0", description: "Says hello, better" }),
          samplePlugin("hello", { version: "1.2.0", revoked: "leaks the API key into the prompt" }),
          samplePlugin("lint-fix", { publisher: "bolt", description: "Fixes lint errors with hello-free prose" }),
        ],
      });
      const cache = tempDir("keel-reg-cache-");
      const o = openVia(kind, fx, cache);
      opened.push(o);
      return { fx, cache, o, r: o.registry };
    };

    test("refresh verifies the chain and reports versions; the cache lives under <cacheDir>/<source id>", async () => {
      const { cache, r } = setup();
      const report = await r.refresh();
      expect(report).toMatchObject({ offline: false, timestampVersion: 1, rootVersion: 1, expires: "2027-12-01T00:00:00Z" });
      const dir = join(cache, r.source.id);
      for (const f of ["root.json", "timestamp.json", "snapshot.json", "targets.json", "targets/catalog.json"]) expect(existsSync(join(dir, f))).toBe(true);
    });

    test("catalog lists live versions newest first and the newest live version's custom data", async () => {
      const { r } = setup();
      const cat = await r.catalog();
      expect(cat.map((e) => e.name)).toEqual(["hello", "lint-fix"]);
      const hello = cat[0];
      expect(hello?.versions).toEqual(["1.1.0", "1.0.0"]);
      expect(hello?.latest.version).toBe("1.1.0");
      expect(hello?.description).toBe("Says hello, better");
      expect(hello?.publisher).toBe("acme");
    });

    test("search needs every word, ranks name matches above description matches", async () => {
      const { r } = setup();
      expect((await r.search("hello")).map((e) => e.name)).toEqual(["hello", "lint-fix"]);
      expect((await r.search("LINT errors")).map((e) => e.name)).toEqual(["lint-fix"]);
      expect((await r.search("bolt/")).map((e) => e.name)).toEqual(["lint-fix"]);
      expect(await r.search("nothing-like-this")).toEqual([]);
      expect((await r.search("  ")).length).toBe(2);
    });

    test("resolve walks the publisher's delegation: newest live version by default, a named one on request", async () => {
      const { fx, r } = setup();
      const latest = await r.resolve("hello");
      expect(latest.path).toBe("acme/hello/hello-1.1.0.tgz");
      expect(latest.custom).toMatchObject({ name: "hello", version: "1.1.0", publisher: "acme", format: "keel" });
      expect(latest.publisherKeys).toHaveLength(1);
      expect(latest.publisherKeys[0]).toMatch(/^[0-9a-f]{64}$/);
      const old = await r.resolve("acme/hello", "1.0.0");
      expect(old.path).toBe("acme/hello/hello-1.0.0.tgz");
      const built = fx.last.plugins.find((p) => p.path === old.path);
      expect(old.length).toBe(built?.archive.length as number);
      expect(old.sha256).toBe(createHash("sha256").update(built?.archive as Uint8Array).digest("hex"));
    });

    test("unknown plugin, unknown version (listing what exists), revoked version (naming the reason)", async () => {
      const { r } = setup();
      expect((await rejects(r.resolve("helo"))).message).toContain('no plugin named "helo"');
      expect((await rejects(r.resolve("hello", "9.0.0"))).message).toContain("has no version 9.0.0 signed by acme (versions: 1.1.0, 1.0.0; revoked: 1.2.0)");
      expect((await rejects(r.resolve("hello", "1.2.0"))).message).toContain("hello@1.2.0 was revoked by acme: leaks the API key into the prompt");
      expect((await rejects(r.resolve("bolt/hello"))).message).toContain('no plugin named "bolt/hello"');
      expect((await rejects(r.resolve("hello", "../../etc"))).message).toContain('"../../etc" is not a version of hello (a semantic version like 1.2.3; versions: 1.1.0, 1.0.0; revoked: 1.2.0)');
    });

    test("download returns the signed archive, reports progress, and the installer's unpacker accepts it", async () => {
      const { r } = setup();
      const t = await r.resolve("lint-fix");
      const seen: [number, number][] = [];
      const bytes = await r.download(t, { onProgress: (d, n) => seen.push([d, n]) });
      expect(bytes.length).toBe(t.length);
      expect(seen.at(-1)).toEqual([t.length, t.length]);
      const files = unpackArchive(bytes, t.custom.files, t.path);
      expect(files.map((f) => f.path)).toEqual(["commands/lint-fix.md", "plugin.json"]);
    });

    test("a later publish is picked up by the next refresh; an unchanged source changes nothing", async () => {
      const { fx, cache, r } = setup();
      await r.refresh();
      const dir = join(cache, r.source.id);
      const before = hashTree(dir);
      expect((await r.refresh()).timestampVersion).toBe(1);
      expect(hashTree(dir)).toBe(before);
      fx.plugins.push(samplePlugin("hello", { version: "2.0.0" }));
      fx.rebuild();
      expect((await r.refresh()).timestampVersion).toBe(2);
      expect((await r.catalog())[0]?.versions).toEqual(["2.0.0", "1.1.0", "1.0.0"]);
      expect((await r.resolve("hello")).path).toBe("acme/hello/hello-2.0.0.tgz");
    });

    test("a second client on the same cache works from the verified cache", async () => {
      const { o, r } = setup();
      await r.refresh();
      const again = o.reopen();
      expect((await again.catalog()).map((e) => e.name)).toEqual(["hello", "lint-fix"]);
      expect((await again.resolve("hello", "1.0.0")).custom.version).toBe("1.0.0");
    });
  });
}

describe("the embedded registry and a newer cache", () => {
  test("an older binary's embedded metadata never replaces newer cached metadata", async () => {
    const fx = makeRegistry();
    const oldBundle = join(tempDir(), "old.bundle");
    copyFileSync(join(fx.dir, "embedded.bundle"), oldBundle);
    fx.plugins.push(samplePlugin("hello", { version: "2.0.0" }));
    fx.rebuild();
    const cache = tempDir("keel-reg-cache-");
    const newer = openRegistry({ source: EMBEDDED_SOURCE, cacheDir: cache, bundlePath: join(fx.dir, "embedded.bundle") });
    expect((await newer.refresh()).timestampVersion).toBe(2);
    const dir = join(cache, "embedded");
    const before = hashTree(dir);
    const older = openRegistry({ source: EMBEDDED_SOURCE, cacheDir: cache, bundlePath: oldBundle });
    const report = await older.refresh();
    expect(report).toMatchObject({ offline: false, timestampVersion: 2 });
    expect(report.reason).toContain("kept the cached metadata (timestamp v2): it is newer than this binary's embedded registry (v1)");
    expect((await older.catalog())[0]?.versions).toEqual(["2.0.0", "1.1.0", "1.0.0"]);
    expect(hashTree(dir)).toBe(before);
  });
});
