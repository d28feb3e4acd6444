// registry/ is committed build output: it must be exactly what `npm run registry:build` makes
// from plugins/ and the development keys today, or the binary embeds a stale registry.
import { expect, test } from "bun:test";
import { cpSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { buildRegistry, DEV_KEYS_DIR, loadKeys, pluginDirs } from "../../../scripts/registry/index.ts";
import { tempDir } from "../../support/registry/fixture.ts";

const ROOT = join(import.meta.dir, "../../..");
const COMMITTED = join(ROOT, "registry");
const PLUGINS = join(ROOT, "plugins");

function files(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d).sort()) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.filter((f) => f !== "README.md");
}

/** What differs between `committed` and a fresh build of plugins/ on top of it; empty when current. */
function staleness(committed: string): string[] {
  const out = tempDir("keel-reg-rebuild-");
  const result = buildRegistry({ outDir: out, plugins: pluginDirs(PLUGINS).map((dir) => ({ dir })), keys: loadKeys(DEV_KEYS_DIR), previous: committed });
  const have = new Set(files(committed));
  const problems: string[] = [];
  for (const f of result.files) {
    if (!have.has(f)) problems.push(`${f} is missing`);
    else if (Buffer.compare(readFileSync(join(committed, f)), readFileSync(join(out, f))) !== 0) problems.push(`${f} differs`);
    have.delete(f);
  }
  for (const f of have) problems.push(`${f} should not be there`);
  return problems.map((p) => `registry/ is stale (${p}): run npm run registry:build and commit the result`);
}

test("the committed registry/ is byte-identical to a fresh build of plugins/", () => {
  expect(staleness(COMMITTED)).toEqual([]);
});

test("a stale copy is caught, and the message says how to fix it", () => {
  const copy = tempDir("keel-reg-stale-");
  cpSync(COMMITTED, copy, { recursive: true });
  const ts = join(copy, "metadata/timestamp.json");
  writeFileSync(ts, readFileSync(ts, "utf8").replace('"version":', '"version": '));
  writeFileSync(join(copy, "metadata/99.leftover.json"), "{}");
  const problems = staleness(copy);
  expect(problems).toContain("registry/ is stale (metadata/timestamp.json differs): run npm run registry:build and commit the result");
  expect(problems).toContain("registry/ is stale (metadata/99.leftover.json should not be there): run npm run registry:build and commit the result");
});

test("every plugin folder with a manifest is in the committed registry", () => {
  const archives = files(COMMITTED).filter((f) => f.endsWith(".tgz"));
  for (const dir of pluginDirs(PLUGINS)) {
    const name = dir.split("/").pop() as string;
    expect(archives.some((f) => f.includes(`/${name}/`)), `plugins/${name} is not in registry/: run npm run registry:build`).toBe(true);
  }
});
