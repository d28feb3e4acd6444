// The compiled binary installs from the registry embedded in it (no network, no source tree),
// and a file edited afterwards is caught by verify and list.
import { expect, test } from "bun:test";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { freshDir, runKeel } from "../support/binary.ts";

test("install from the embedded registry, list, verify, an edit caught, remove", async () => {
  const home = freshDir("keel-home-");
  const keel = (...args: string[]) => runKeel(["--flag", "harbor=true", "plugin", ...args], { home });

  const refused = await keel("install", "commit-helper");
  expect(refused.exitCode).toBe(1);
  expect(refused.stderr).toContain("pass --yes to install without asking");

  const installed = await keel("install", "commit-helper", "--yes", "--json");
  expect(installed.stderr).not.toContain("error");
  const entry = JSON.parse(installed.stdout).plugin;
  expect(entry).toMatchObject({ name: "commit-helper", publisher: "keel", source: "registry:embedded", signed: true });
  expect(installed.stderr).not.toContain("downloading"); // no progress bar when stderr is not a terminal

  const list = JSON.parse((await keel("list", "--json")).stdout).plugins;
  expect(list).toEqual([expect.objectContaining({ name: "commit-helper", status: "ok" })]);
  expect((await keel("verify")).exitCode).toBe(0);

  const lock = JSON.parse(readFileSync(join(home, "state", "plugins", "lock.json"), "utf8"));
  const file = lock.plugins["commit-helper"].files.find((f: { path: string }) => f.path !== "plugin.json").path;
  writeFileSync(join(home, "state", "plugins", "store", entry.treeHash, file), "edited\n");
  const verify = await keel("verify");
  expect(verify.exitCode).toBe(1);
  expect(verify.stdout).toContain(`${file}: changed`);
  expect(JSON.parse((await keel("list", "--json")).stdout).plugins[0].status).toBe("modified");

  expect((await keel("remove", "commit-helper")).stdout).toBe(`removed commit-helper ${entry.version}\n`);
  expect(JSON.parse((await keel("list", "--json")).stdout).plugins).toEqual([]);
});
