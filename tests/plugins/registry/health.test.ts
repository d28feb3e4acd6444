// What `keel doctor` reports for the registry: the source and why it was chosen, and whether
// its metadata verifies with no network — and that checking writes nothing.
import { expect, test } from "bun:test";
import { join } from "node:path";
import { openRegistry, parseRegistryLocation, registryHealth } from "../../../src/plugins/registry/index.ts";
import { hashTree, makeRegistry, tempDir } from "../../support/registry/fixture.ts";

test("the embedded registry (the default) verifies offline, and the check writes nothing", async () => {
  const cacheDir = tempDir();
  const h = await registryHealth({ env: {}, cacheDir });
  expect(h.status).toBe("ok");
  expect(h.detail).toMatch(/^embedded registry \(default\): verifies offline; root v1, timestamp v\d+, expires 2027-12-01T00:00:00Z$/);
  expect(h.data).toMatchObject({ via: "default", kind: "embedded", id: "embedded", verified: true });
  expect(hashTree(cacheDir)).toBe(hashTree(tempDir()));
});

test("a directory registry: nothing cached yet is a warning; once fetched, its cache verifies offline", async () => {
  const fx = makeRegistry();
  const cacheDir = tempDir();
  const before = await registryHealth({ env: { KEEL_REGISTRY: fx.dir }, cacheDir });
  expect(before).toMatchObject({ status: "warn", data: { via: "KEEL_REGISTRY", kind: "dir", verified: false } });
  expect(before.detail).toContain("nothing cached yet");
  await openRegistry({ source: parseRegistryLocation(fx.dir, "x"), cacheDir }).refresh();
  const after = await registryHealth({ env: {}, settingsRegistry: fx.dir, cacheDir });
  expect(after.status).toBe("ok");
  expect(after.detail).toContain(`${fx.dir} (settings.registry): cached metadata verifies offline; root v1, timestamp v1`);
});

test("an expired cache fails the check, naming the file; a bad location fails naming where it came from", async () => {
  const fx = makeRegistry({ build: { expires: { timestamp: "2026-01-01T00:00:00Z", snapshot: "2026-01-01T00:00:00Z" } } });
  const cacheDir = tempDir();
  const source = parseRegistryLocation(fx.dir, "x");
  await openRegistry({ source, cacheDir, now: () => new Date("2025-06-01T00:00:00Z") }).refresh();
  const dir = join(cacheDir, source.id);
  const before = hashTree(dir);
  const h = await registryHealth({ env: { KEEL_REGISTRY: fx.dir }, cacheDir });
  expect(h.status).toBe("fail");
  expect(h.detail).toMatch(/the cached timestamp metadata expired on 2026-01-01T00:00:00Z \(freeze protection/);
  expect(hashTree(dir)).toBe(before);
  const bad = await registryHealth({ env: { KEEL_REGISTRY: "ftp://x" }, cacheDir });
  expect(bad).toMatchObject({ status: "fail", detail: "KEEL_REGISTRY: ftp: registries are not supported (use http(s):// or a directory)" });
});
