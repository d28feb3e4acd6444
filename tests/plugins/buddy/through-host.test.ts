// buddy inside keel's real plugin host (a child process speaking JSON-RPC over stdio, run
// from source): the widget's frames, its reactions and the card all cross the pipe intact.
import { afterAll, expect, test } from "bun:test";
import { join, resolve } from "node:path";
import { HOST_ARG, HOST_METHODS, PluginHost } from "../../../src/plugins/index.ts";
import { companionMod, PLUGIN_DIR, voicesMod } from "./load.ts";

const MAIN = resolve(import.meta.dir, "../../../src/main.ts");
const env = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined && e[0] !== "BUN_BE_BUN"));

const host = new PluginHost({
  plugin: "buddy",
  command: () => ({ argv: [process.execPath, MAIN, HOST_ARG, "buddy"], env, cwd: PLUGIN_DIR }),
  init: { plugin: "buddy", pluginRoot: PLUGIN_DIR, modules: [join(PLUGIN_DIR, "host.js")], installId: "alice@example.com", cwd: PLUGIN_DIR },
});
afterAll(() => host.close());

test("the host finds the companion widget and the card call", async () => {
  expect(await host.describe()).toMatchObject({ widgets: ["companion"], calls: ["card"], tools: [] });
});

test("widget frames are the install's companion's frames", async () => {
  expect(await host.request(HOST_METHODS.widgetFrames, { id: "companion" })).toEqual(companionMod.companion("alice@example.com").frames);
});

test("reactions come back in the companion's voice; tool_ok gets none", async () => {
  const me = companionMod.companion("alice@example.com");
  const said = await host.request(HOST_METHODS.widgetReact, { id: "companion", event: { kind: "tool_failed", detail: "Bash" } });
  expect(said).toBe(`${me.sound} ${voicesMod.VOICES[me.temperament]!.tool_failed![0]}`);
  expect(await host.request(HOST_METHODS.widgetReact, { id: "companion", event: { kind: "tool_ok" } })).toBeNull();
});

test("card: this install's, or a preview of another id; a bad id is the plugin's clear error", async () => {
  expect(await host.request(HOST_METHODS.call, { name: "card", params: {} })).toEqual(JSON.parse(JSON.stringify(companionMod.companion("alice@example.com"))));
  expect(await host.request(HOST_METHODS.call, { name: "card", params: { id: "bob" } })).toMatchObject({ id: "bob", name: companionMod.companion("bob").name });
  await expect(host.request(HOST_METHODS.call, { name: "card", params: { id: "" } })).rejects.toThrow(/call card threw: buddy: the id must be a non-empty string/);
});
