// plugins/buddy/plugin.json as keel reads it: gated by the buddy flag, only the `ui`
// capability, one host module whose exports match what the manifest declares.
import { expect, test } from "bun:test";
import { join } from "node:path";
import { loadPluginDir, PluginManifest } from "../../../src/plugins/index.ts";
import { host, PLUGIN_DIR } from "./load.ts";

test("the manifest parses and declares the companion widget from host.js", async () => {
  const m = PluginManifest.parse(await Bun.file(join(PLUGIN_DIR, "plugin.json")).json());
  expect(m).toMatchObject({ name: "buddy", publisher: "keel", version: "1.0.0", engine: ">=0.1.0", flag: "buddy", capabilities: ["ui"] });
  expect(m.contributes.hostModules).toEqual([{ path: "host.js", tools: [] }]);
  expect(m.contributes.widgets).toEqual([{ id: "companion", slot: "companion", module: "host.js" }]);
  // Every declared widget is exported by the module, with the functions the host calls.
  for (const w of m.contributes.widgets) expect(typeof (host.widgets as Record<string, { frames: unknown }>)[w.id]?.frames).toBe("function");
  expect(typeof host.calls.card).toBe("function");
});

test("the plugin runtime loads the folder as an enabled plugin with one companion widget", () => {
  const p = loadPluginDir(PLUGIN_DIR, `dir:${PLUGIN_DIR}`);
  expect(p.disabled).toBeUndefined();
  expect(p.problems).toEqual([]);
  expect(p.contributions.widgets).toEqual([{ plugin: "buddy", id: "companion", slot: "companion" }]);
  expect(p.contributions.hostModules).toEqual([join(PLUGIN_DIR, "host.js")]);
});
