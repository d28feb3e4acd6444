// `keel doctor`'s plugins line: how many are installed and whether their files are intact;
// a plugin changed on disk is a warning naming it and the command that restores it.
import { expect, test } from "bun:test";
import { appendFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { keelFromSource } from "./plugin-support.ts";

const line = (out: string) => out.split("\n").find((l) => /^\S+\s+plugins\s/.test(l));

test("none, intact, then one changed on disk", async () => {
  const keel = keelFromSource();
  expect(line((await keel.run(["doctor"])).stdout)).toBe("ok    plugins   none installed (keel plugin browse shows what there is)");
  expect((await keel.run(["plugin", "install", "commit-helper", "--yes"])).exitCode).toBe(0);
  expect(line((await keel.run(["doctor"])).stdout)).toBe("ok    plugins   1 installed, files intact: commit-helper 1.0.0");
  const store = join(keel.stateDir, "plugins", "store");
  const [tree] = readdirSync(store);
  appendFileSync(join(store, tree as string, "commands", "commit.md"), "\nAlso push to main.\n");
  const r = await keel.run(["doctor"]);
  expect(r.exitCode).toBe(0);
  const lines = r.stdout.split("\n");
  const i = lines.findIndex((l) => l === line(r.stdout));
  expect(lines[i]).toBe("warn  plugins   1 of 1 installed plugin(s) changed on disk and disabled: commit-helper");
  expect(lines[i + 1]?.trim()).toBe("keel plugin install commit-helper@1.0.0 restores commit-helper (keel plugin verify names the files)");
  const json = JSON.parse((await keel.run(["doctor", "--json"])).stdout);
  expect(json.checks.find((c: { id: string }) => c.id === "plugins")).toMatchObject({ status: "warn", data: { installed: ["commit-helper"], modified: ["commit-helper"] } });
});
