// A plugin gated by a feature flag (buddy, from the registry embedded in keel) installs while
// its flag is off, and the install says which flag turns it on; with the flag on it says nothing.
import { expect, test } from "bun:test";
import { keelFromSource } from "./plugin-support.ts";

const HINT = "buddy stays off while the feature flag buddy is off: keel flags set buddy true turns it on";

test("installing a dark plugin names the flag that turns it on", async () => {
  const keel = keelFromSource();
  const r = await keel.run(["plugin", "install", "buddy", "--yes"]);
  expect(r.exitCode).toBe(0);
  expect(r.stdout.trimEnd().split("\n")).toEqual([expect.stringMatching(/^installed buddy 1\.0\.0 \(signed by keel\) in /), HINT]);
  const json = await keel.run(["plugin", "install", "buddy", "--yes", "--json"]);
  expect(JSON.parse(json.stdout)).toMatchObject({ status: "unchanged" });
  const on = await keel.run(["--flag", "buddy=true", "plugin", "install", "buddy", "--yes"]);
  expect(on.stdout).toBe("buddy 1.0.0 is already installed and intact\n");
});
