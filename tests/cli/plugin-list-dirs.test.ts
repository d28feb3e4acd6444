// `keel plugin list --plugin-dir <dir>` shows the development plugins this run loads beside
// the installed ones (a bad one with why it is disabled); before, they were silently left out.
import { expect, test } from "bun:test";
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { keelFromSource, tempDir } from "./plugin-support.ts";

const COMMIT_HELPER = resolve(import.meta.dir, "../../plugins/commit-helper");
const BUDDY = resolve(import.meta.dir, "../../plugins/buddy");

test("--plugin-dir plugins are listed with their status; --json carries them as pluginDirs", async () => {
  const keel = keelFromSource();
  const bad = tempDir("keel-bad-plugin-");
  writeFileSync(join(bad, "plugin.json"), JSON.stringify({ name: "Bad Name" }));
  const missing = join(tempDir("keel-none-"), "nowhere");
  const args = ["--plugin-dir", COMMIT_HELPER, "--plugin-dir", bad, "--plugin-dir", missing, "--plugin-dir", BUDDY, "plugin", "list"];
  const r = await keel.run(args);
  expect(r.exitCode).toBe(0);
  const lines = r.stdout.trimEnd().split("\n");
  expect(lines[0]).toBe("no plugins installed (keel plugin browse shows what there is)");
  expect(lines[1]).toBe("loaded for this run from --plugin-dir (not installed, unsigned):");
  expect(lines[2]).toBe(`  commit-helper 1.0.0  ${COMMIT_HELPER}  ok, contributes 1 command`);
  expect(lines[3]).toStartWith(`  ${bad.split("/").at(-1)}  ${bad}  disabled: ${bad}/plugin.json: name:`);
  expect(lines[4]).toContain(`${missing}  disabled: ${missing}: no plugin.json or .claude-plugin/plugin.json`);
  expect(lines[5]).toBe(`  buddy 1.0.0  ${BUDDY}  flag off, contributes the companion widget`);
  const json = JSON.parse((await keel.run([...args, "--json"])).stdout);
  expect(json.plugins).toEqual([]);
  expect(json.pluginDirs.map((d: { name: string; status: string }) => `${d.name}:${d.status}`)).toEqual(["commit-helper:ok", `${bad.split("/").at(-1)}:disabled`, "nowhere:disabled", "buddy:flag off"]);
});
