// The compiled binary carries the registry: `keel doctor` verifies the embedded metadata from
// any directory, with no network and nothing from the source tree.
import { expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runKeel } from "../../support/binary.ts";
import { makeRegistry, tempDir } from "../../support/registry/fixture.ts";

const ROOT = join(import.meta.dir, "../../..");
const registryCheck = (stdout: string) => (JSON.parse(stdout) as { checks: { id: string; status: string; detail: string; data: Record<string, unknown> }[] }).checks.find((c) => c.id === "registry");

test("keel doctor --json: the embedded registry verifies offline, at the committed timestamp version", async () => {
  const committed = JSON.parse(readFileSync(join(ROOT, "registry/metadata/timestamp.json"), "utf8")).signed.version as number;
  const r = await runKeel(["doctor", "--json"], { cwd: tempDir() });
  const check = registryCheck(r.stdout);
  expect(check).toMatchObject({ status: "ok", data: { kind: "embedded", via: "default", verified: true, timestampVersion: committed, rootVersion: 1 } });
});

test("keel doctor with KEEL_REGISTRY: a directory not fetched yet is a warning, an unsupported URL a failure", async () => {
  const fx = makeRegistry();
  const dir = registryCheck((await runKeel(["doctor", "--json"], { cwd: tempDir(), env: { KEEL_REGISTRY: fx.dir } })).stdout);
  expect(dir).toMatchObject({ status: "warn", data: { kind: "dir", via: "KEEL_REGISTRY", location: fx.dir, verified: false } });
  const bad = await runKeel(["doctor"], { cwd: tempDir(), env: { KEEL_REGISTRY: "ftp://example.com/r" } });
  expect(bad.stdout).toMatch(/registry\s+KEEL_REGISTRY: ftp: registries are not supported/);
});
