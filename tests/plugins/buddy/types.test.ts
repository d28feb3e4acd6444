// buddy is plain JavaScript with JSDoc types (the host imports it from disk, unbuilt); the
// project's tsconfig does not check .js, so this runs tsc over the plugin with checkJs, strict.
import { expect, test } from "bun:test";
import { readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { PLUGIN_DIR } from "./load.ts";

test("the plugin's JSDoc types check under tsc --checkJs --strict", () => {
  const tsc = resolve(import.meta.dir, "../../../node_modules/typescript/bin/tsc");
  const files = [join(PLUGIN_DIR, "host.js"), ...readdirSync(join(PLUGIN_DIR, "lib")).map((f) => join(PLUGIN_DIR, "lib", f))];
  const flags = ["--ignoreConfig", "--noEmit", "--allowJs", "--checkJs", "--strict", "--noUncheckedIndexedAccess", "--target", "ES2022", "--module", "nodenext", "--moduleResolution", "nodenext", "--types", "node", "--skipLibCheck"];
  const r = Bun.spawnSync([process.execPath, tsc, ...flags, ...files], { stdout: "pipe", stderr: "pipe" });
  expect(r.stdout.toString() + r.stderr.toString()).toBe("");
  expect(r.exitCode).toBe(0);
}, 60_000);
