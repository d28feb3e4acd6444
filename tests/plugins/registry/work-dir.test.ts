// The scratch copy tuf-js works in: a commit copies back only what changed, nothing reaches the
// cache without one, and scratch dirs left by a killed process are swept.
import { expect, test } from "bun:test";
import { existsSync, mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openWorkDir } from "../../../src/plugins/registry/work-dir.ts";
import { hashTree, tempDir } from "../../support/registry/fixture.ts";

test("changes reach the cache only on commit, and only the files that changed", () => {
  const cache = tempDir();
  writeFileSync(join(cache, "root.json"), "root-1");
  writeFileSync(join(cache, "timestamp.json"), "ts-1");
  const before = hashTree(cache);
  const w = openWorkDir(cache, { name: "root.json", bytes: new TextEncoder().encode("ignored: the cache has a root") });
  expect(readFileSync(join(w.dir, "root.json"), "utf8")).toBe("root-1");
  writeFileSync(join(w.dir, "timestamp.json"), "ts-2");
  writeFileSync(join(w.dir, "acme.json"), "acme-1");
  expect(hashTree(cache)).toBe(before);
  w.commit();
  w.dispose();
  expect(readFileSync(join(cache, "timestamp.json"), "utf8")).toBe("ts-2");
  expect(readFileSync(join(cache, "acme.json"), "utf8")).toBe("acme-1");
  expect(readFileSync(join(cache, "root.json"), "utf8")).toBe("root-1");
  expect(existsSync(w.dir)).toBe(false);
});

test("an empty cache is seeded with the trust anchor in the scratch copy only", () => {
  const cache = join(tempDir(), "not-yet");
  const w = openWorkDir(cache, { name: "root.json", bytes: new TextEncoder().encode("anchor") });
  expect(readFileSync(join(w.dir, "root.json"), "utf8")).toBe("anchor");
  w.dispose();
  expect(existsSync(cache)).toBe(false);
});

test("scratch dirs over an hour old are swept once per process; fresh ones stay", () => {
  const old = join(tmpdir(), "keel-registry-work-test-old");
  const fresh = join(tmpdir(), "keel-registry-work-test-fresh");
  mkdirSync(old, { recursive: true });
  mkdirSync(fresh, { recursive: true });
  const twoHoursAgo = new Date(Date.now() - 7_200_000);
  utimesSync(old, twoHoursAgo, twoHoursAgo);
  const script = `const { openWorkDir } = await import(${JSON.stringify(join(import.meta.dir, "../../../src/plugins/registry/work-dir.ts"))}); openWorkDir(${JSON.stringify(tempDir())}).dispose();`;
  expect(Bun.spawnSync([process.execPath, "-e", script]).exitCode).toBe(0);
  expect(existsSync(old)).toBe(false);
  expect(existsSync(fresh)).toBe(true);
  rmSync(fresh, { recursive: true, force: true });
});
