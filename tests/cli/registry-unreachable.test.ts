// A configured registry that cannot be reached, with nothing cached: the error names the
// address and the line under it names where it was configured and how to go back to the
// registry embedded in keel.
import { expect, test } from "bun:test";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { keelFromSource } from "./plugin-support.ts";

test.each([
  ["KEEL_REGISTRY", { KEEL_REGISTRY: "http://127.0.0.1:9" }, false, "the registry is set by KEEL_REGISTRY; check that address, or unset KEEL_REGISTRY to use the registry embedded in keel"],
  ["settings.registry", {}, true, "the registry is set by settings.registry; check that address, or remove registry from your settings (keel config list shows which file) to use the registry embedded in keel"],
])("from %s", async (_n, env, inSettings, hint) => {
  const keel = keelFromSource(env);
  if (inSettings) writeFileSync(join(keel.home, "settings.json"), JSON.stringify({ registry: "http://127.0.0.1:9" }));
  const r = await keel.run(["plugin", "install", "buddy", "--yes"]);
  expect(r.exitCode).toBe(1);
  const [first, second, ...rest] = r.stderr.trimEnd().split("\n");
  expect(first).toStartWith("error: registry http://127.0.0.1:9: unreachable: ");
  expect(second).toBe(hint);
  expect(rest).toEqual([]);
});
