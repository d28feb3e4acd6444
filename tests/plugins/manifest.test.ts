import { expect, test } from "bun:test";
import { manifestProblem, PluginManifest } from "../../src/plugins/index.ts";

const base = { name: "commit-helper", version: "1.0.0", publisher: "keel", description: "x", engine: ">=0.1.0" };

test.each([
  [base, true],
  [{ ...base, name: "../evil" }, false],
  [{ ...base, version: "1" }, false],
  [{ ...base, contributes: { commands: [{ name: "commit", file: "../x.md" }] } }, false],
  [{ ...base, capabilities: ["root"] }, false],
  [{ ...base, extra: 1 }, false],
  [{ ...base, contributes: { hostModules: ["host.js"] } }, true],
  [{ ...base, contributes: { hostModules: [{ path: "host.ts", tools: [{ name: "t", description: "d" }] }] } }, true],
  [{ ...base, contributes: { hostModules: [{ path: "/abs/host.js" }] } }, false],
  [{ ...base, contributes: { mcpServers: { db: { command: "node", args: ["${CLAUDE_PLUGIN_ROOT}/s.js"] } } } }, true],
  [{ ...base, contributes: { mcpServers: { web: { type: "http", url: "https://example.com/mcp" } } } }, true],
  [{ ...base, contributes: { mcpServers: { web: { type: "ftp", url: "x" } } } }, false],
  [{ ...base, contributes: { hooks: [{ file: "hooks/hooks.json" }] } }, true],
  [{ ...base, contributes: { promptSections: [{ id: "a", file: "a.md" }, { id: "b", call: "context" }] } }, true],
  [{ ...base, contributes: { promptSections: [{ id: "a", file: "a.md", call: "x" }] } }, false],
  [{ ...base, contributes: { widgets: [{ id: "companion", slot: "companion" }, { id: "mood", slot: "status", module: "host.js" }] } }, true],
  [{ ...base, contributes: { widgets: [{ id: "w", slot: "sidebar" }] } }, false],
  [{ ...base, flag: "buddy" }, true],
])("manifest %#", (input, ok) => {
  expect(PluginManifest.safeParse(input).success).toBe(ok);
});

test.each([
  [{ ...base, contributes: { hooks: [{ file: "../../etc/passwd" }] } }, "contributes.hooks[0].file: a relative path inside the plugin"],
  [{ ...base, contributes: { commands: [{ name: "has space", file: "c.md" }] } }, "contributes.commands[0].name: letters, digits, '_' or '-'"],
  [{ ...base, contributes: { hostModules: [{ path: "h.js", tools: [{ name: "t" }] }] } }, "contributes.hostModules[0].tools[0].description: expected string, received undefined"],
  [{ ...base, contributes: { mcpServers: { web: { type: "ftp", url: "x" } } } }, "contributes.mcpServers.web.type: Invalid option"],
  [{ ...base, contributes: { promptSections: [{ id: "a" }] } }, "contributes.promptSections[0]: give exactly one of file (static) or call (dynamic)"],
  [{ ...base, version: "one" }, "version: a semantic version like 1.2.3"],
])("errors name the field: %#", (input, expected) => {
  const r = PluginManifest.safeParse(input);
  expect(r.success).toBe(false);
  if (!r.success) expect(manifestProblem("/p/plugin.json", r.error)).toStartWith(`/p/plugin.json: ${expected}`);
});

test("host modules given as paths normalise to { path, tools: [] }", () => {
  expect(PluginManifest.parse({ ...base, contributes: { hostModules: ["host.js"] } }).contributes.hostModules).toEqual([{ path: "host.js", tools: [] }]);
});

test("the first-party commit-helper manifest parses", async () => {
  const raw = await Bun.file(new URL("../../plugins/commit-helper/plugin.json", import.meta.url)).json();
  expect(PluginManifest.parse(raw).contributes.commands[0]?.name).toBe("commit");
});

test("the first-party buddy manifest parses, gated by its flag, with its companion widget", async () => {
  const raw = await Bun.file(new URL("../../plugins/buddy/plugin.json", import.meta.url)).json();
  const m = PluginManifest.parse(raw);
  expect(m.flag).toBe("buddy");
  expect(m.contributes.widgets).toEqual([{ id: "companion", slot: "companion", module: "host.js" }]);
});

test("every bad field is named in one line: the first with its message, the rest after 'also'", () => {
  const r = PluginManifest.safeParse({ name: "Bad Name", version: "1" });
  expect(r.success).toBe(false);
  if (!r.success) expect(manifestProblem("/p/plugin.json", r.error)).toBe("/p/plugin.json: name: lowercase letters, digits and dashes (also: version, publisher, description, engine)");
});
