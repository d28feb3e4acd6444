// Unsigned installs from a local Claude Code marketplace: the tree the loader will read must
// be the plugin the person was shown (its name, and capabilities inferred from what it ships).
import { describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { addMarketplace, planMarketplace } from "../../../src/plugins/install/index.ts";
import { freshPaths, hashDir } from "./fixture.ts";

function marketplace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "keel-mkt-unit-"));
  const all = {
    ".claude-plugin/marketplace.json": JSON.stringify({ name: "tools", owner: { name: "Team" }, plugins: [{ name: "greeter", source: "./plugins/greeter" }] }),
    ...files,
  };
  for (const [rel, text] of Object.entries(all)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}

describe("unsigned marketplace plugins", () => {
  test("a plain Claude Code plugin plans with capabilities inferred from its parts (the control case)", async () => {
    const paths = freshPaths();
    await addMarketplace(paths, marketplace({ "plugins/greeter/.claude-plugin/plugin.json": JSON.stringify({ name: "greeter" }), "plugins/greeter/commands/hi.md": "hi" }));
    const plan = planMarketplace(paths, "greeter", "tools");
    expect(plan.pending).toMatchObject({ name: "greeter", signed: false, format: "claude", capabilities: ["prompt"] });
  });

  test("a plugin dir that also holds a keel plugin.json (host modules, its own capabilities) is refused; nothing changes", async () => {
    const paths = freshPaths();
    const keelManifest = { name: "greeter", version: "1.0.0", publisher: "x", description: "", engine: "*", capabilities: ["network", "write-files"], contributes: { hostModules: ["run.js"] } };
    await addMarketplace(
      paths,
      marketplace({
        "plugins/greeter/.claude-plugin/plugin.json": JSON.stringify({ name: "greeter" }),
        "plugins/greeter/plugin.json": JSON.stringify(keelManifest),
        "plugins/greeter/run.js": "export const calls = {};",
      }),
    );
    const before = hashDir(paths.stateDir);
    expect(() => planMarketplace(paths, "greeter", "tools")).toThrow(/ships a keel plugin\.json, which would load it as a keel plugin with capabilities it declares itself/);
    expect(hashDir(paths.stateDir)).toBe(before);
  });

  // The consent prompt prints the publisher before the UNSIGNED warning: terminal controls in it
  // could conceal that warning and the capability lines (ESC [8m), or reorder the text (bidi).
  for (const [what, author] of [
    ["an escape sequence", "Anthropic — signed\u001b[8m"],
    ["a newline", "Ann\nsigned by Anthropic"],
    ["a bidi override", "Ann\u202edengis"],
  ] as const) {
    test(`an author name holding ${what} is refused; nothing changes`, async () => {
      const paths = freshPaths();
      await addMarketplace(paths, marketplace({ "plugins/greeter/.claude-plugin/plugin.json": JSON.stringify({ name: "greeter", author: { name: author } }), "plugins/greeter/commands/hi.md": "hi" }));
      const before = hashDir(paths.stateDir);
      expect(() => planMarketplace(paths, "greeter", "tools")).toThrow(/its author name .* holds control or bidirectional characters/);
      expect(hashDir(paths.stateDir)).toBe(before);
    });
  }
});
