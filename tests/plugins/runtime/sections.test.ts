// Plugin prompt sections into the prompt compiler: a static markdown section in the cached
// half, a dynamic one asked of the plugin's host at session start in the uncached half, the
// skills list (with paths) in the dynamic half; a failing host costs its section only.
import { afterEach, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { pluginSections, type PluginRuntime } from "../../../src/plugins/index.ts";
import { pluginSectionProviders, startPromptSession } from "../../../src/prompt/index.ts";
import { hostProcesses, manifest, runtimeFor, uniqueName, writeTree } from "./fixtures.ts";

const open: PluginRuntime[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => r.close()));
});

async function compiled(runtime: PluginRuntime, cwd: string, notices: string[]) {
  const providers = [...(await pluginSections(runtime, (l) => notices.push(l)))].flatMap(([plugin, declared]) => pluginSectionProviders(plugin, declared));
  const session = await startPromptSession({ cwd, userDir: null, providers });
  const { system, report } = session.compile([{ role: "user", content: "hi" }]);
  return { staticText: system[0]?.text ?? "", dynamicText: system[1]?.text ?? "", report };
}

describe("plugin prompt sections", () => {
  test("static file → cached half; host call → dynamic half; skills listed with their paths", async () => {
    const name = uniqueName("prompty");
    const root = writeTree({
      "plugin.json": manifest(name, {
        contributes: {
          hostModules: ["host.js"],
          promptSections: [
            { id: "style", file: "style.md", priority: "high" },
            { id: "today", call: "today" },
          ],
          skills: [{ name: "release", file: "skills/release/SKILL.md" }],
        },
      }),
      "style.md": "Always answer in haiku.",
      "host.js": "export const calls = { today: (p, ctx) => 'The plugin says the project is ' + ctx.cwd };",
      "skills/release/SKILL.md": "---\nname: release\ndescription: Cut a release\n---\nSteps.",
    });
    const notices: string[] = [];
    const { runtime } = runtimeFor([root]);
    open.push(runtime);
    const out = await compiled(runtime, root, notices);
    expect(notices).toEqual([]);
    expect(out.staticText).toContain("Always answer in haiku.");
    expect(out.staticText).not.toContain(root);
    expect(out.dynamicText).toContain(`The plugin says the project is ${root}`);
    expect(out.dynamicText).toContain(`- release (plugin ${name}): Cut a release — ${join(root, "skills/release/SKILL.md")}`);
    const ids = out.report.sections.map((s) => [s.id, s.kind]);
    expect(ids).toContainEqual([`plugin.${name}.style`, "static"]);
    expect(ids).toContainEqual([`plugin.${name}.today`, "dynamic"]);
    expect(ids).toContainEqual(["plugin.~skills.skills", "dynamic"]);
  });

  test("static sections alone start no host", async () => {
    const name = uniqueName("static-only");
    const root = writeTree({ "plugin.json": manifest(name, { contributes: { hostModules: ["host.js"], promptSections: [{ id: "style", file: "style.md" }] } }), "style.md": "Be brief.", "host.js": "export const calls = {};" });
    const { runtime } = runtimeFor([root]);
    open.push(runtime);
    const out = await compiled(runtime, root, []);
    expect(out.staticText).toContain("Be brief.");
    expect(hostProcesses(name)).toEqual([]);
  });

  test("a dynamic section whose host call throws is left out with a notice; the rest stays", async () => {
    const name = uniqueName("flaky");
    const root = writeTree({
      "plugin.json": manifest(name, { contributes: { hostModules: ["host.js"], promptSections: [{ id: "style", file: "style.md" }, { id: "live", call: "live" }] } }),
      "style.md": "Be brief.",
      "host.js": "export const calls = { live: () => { throw new Error('no data today'); } };",
    });
    const notices: string[] = [];
    const { runtime } = runtimeFor([root]);
    open.push(runtime);
    const out = await compiled(runtime, root, notices);
    expect(out.staticText).toContain("Be brief.");
    expect(notices).toEqual([`plugin ${name}: prompt section live left out: plugin ${name}: call live threw: no data today`]);
  });
});
