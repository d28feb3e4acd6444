import { expect, test } from "bun:test";
import { PluginManifest } from "../../src/plugins/index.ts";

const base = { name: "commit-helper", version: "1.0.0", publisher: "keel", description: "x", engine: ">=0.1.0" };

test.each([
  [base, true],
  [{ ...base, name: "../evil" }, false],
  [{ ...base, version: "1" }, false],
  [{ ...base, contributes: { commands: [{ name: "commit", file: "../x.md" }] } }, false],
  [{ ...base, capabilities: ["root"] }, false],
  [{ ...base, extra: 1 }, false],
])("manifest %#", (input, ok) => {
  expect(PluginManifest.safeParse(input).success).toBe(ok);
});

test("the first-party commit-helper manifest parses", async () => {
  const raw = await Bun.file(new URL("../../plugins/commit-helper/plugin.json", import.meta.url)).json();
  expect(PluginManifest.parse(raw).contributes.commands[0]?.name).toBe("commit");
});
