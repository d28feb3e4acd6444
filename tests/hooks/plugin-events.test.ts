// PluginInstalled / PluginRemoved matchers name a plugin, as tool events' matchers name a
// tool: a hook for "fmt" hears fmt's install and nobody else's. (The commands that fire
// these events are tested in tests/cli/plugin-install.test.ts.)
import { describe, expect, test } from "bun:test";
import { fixture, merge, on } from "./helpers.ts";

const installed = (plugin_name: string, cwd: string) => ({ session_id: "", cwd, hook_event_name: "PluginInstalled" as const, plugin_name, version: "1.0.0", publisher: "acme", source: "registry:embedded", signed: true });

describe("plugin event matchers", () => {
  test("the matcher is tested against plugin_name", async () => {
    const f = fixture();
    const fmt = f.recorder("fmt");
    const any = f.recorder("any");
    const hooks = f.runner(merge(on("PluginInstalled", fmt.command, "fmt|lint-.*"), { PluginRemoved: [{ matcher: "fmt", hooks: [{ type: "command", command: any.command }] }] }));
    await hooks.run("PluginInstalled", installed("hello", f.dir));
    await hooks.run("PluginInstalled", installed("lint-fix", f.dir));
    await hooks.run("PluginInstalled", installed("fmt", f.dir));
    expect(fmt.heard().map((p) => p.plugin_name)).toEqual(["lint-fix", "fmt"]);
    await hooks.run("PluginRemoved", { ...installed("hello", f.dir), hook_event_name: "PluginRemoved" });
    expect(any.heard()).toEqual([]);
    await hooks.run("PluginRemoved", { ...installed("fmt", f.dir), hook_event_name: "PluginRemoved" });
    expect(any.heard().map((p) => p.plugin_name)).toEqual(["fmt"]);
  });
});
