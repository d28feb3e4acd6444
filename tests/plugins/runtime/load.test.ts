// Loading plugins from disk: a Claude Code plugin directory as its authors write it, keel
// manifests with bad fields, flag gating, installed trees checked against the lockfile.
import { describe, expect, test } from "bun:test";
import { chmodSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_SNAPSHOT, type FlagValues } from "../../../src/flags/index.ts";
import { createHookRunner } from "../../../src/hooks/index.ts";
import { expandCommand, type LockEntry, pluginPaths, treeHash } from "../../../src/plugins/index.ts";
import { createHash } from "node:crypto";
import { manifest, runtimeFor, tempDir, writeTree } from "./fixtures.ts";

function claudePlugin(): string {
  const root = writeTree({
    ".claude-plugin/plugin.json": { name: "review-kit", description: "Reviews", author: { name: "Some Person" } },
    "commands/review.md": "---\ndescription: Review the named file\nargument-hint: <file>\n---\nReview $ARGUMENTS carefully. First word: $1.",
    "commands/tidy.md": "Tidy the working tree.",
    "agents/reviewer.md": "---\nname: reviewer\ndescription: Reads code and reports problems\ntools: Read, Grep\nmodel: inherit\n---\nYou are a careful code reviewer.",
    "skills/pdf/SKILL.md": "---\nname: pdf\ndescription: Fill in PDF forms\n---\nUse the pdf tools.",
    "hooks/hooks.json": {
      description: "guards",
      hooks: { PreToolUse: [{ matcher: "Bash", hooks: [{ type: "command", command: "${CLAUDE_PLUGIN_ROOT}/hooks/guard.sh" }] }] },
    },
    "hooks/guard.sh": '#!/usr/bin/env bash\necho "root=$CLAUDE_PLUGIN_ROOT" > "$CLAUDE_PLUGIN_ROOT/heard.txt"\ncat >> "$CLAUDE_PLUGIN_ROOT/heard.txt"\necho "no shell for you" >&2\nexit 2\n',
    ".mcp.json": { mcpServers: { files: { command: "node", args: ["${CLAUDE_PLUGIN_ROOT}/server.js"] } } },
  });
  chmodSync(join(root, "hooks/guard.sh"), 0o755);
  return root;
}

describe("a Claude Code plugin directory", () => {
  test("loads commands, agents, skills, hooks.json and .mcp.json into the normalized shape", () => {
    const root = claudePlugin();
    const { runtime, notices } = runtimeFor([root]);
    expect(notices).toEqual([]);
    const [p] = runtime.enabled;
    expect(p).toMatchObject({ name: "review-kit", format: "claude", version: "0.0.0", origin: `dir:${root}` });
    expect(p?.manifest.publisher).toBe("some-person");
    const c = runtime.contributions();
    expect(c.commands.map((x) => [x.name, x.description, x.argumentHint])).toEqual([
      ["review", "Review the named file", "<file>"],
      ["tidy", "Tidy the working tree.", undefined],
    ]);
    expect(c.agents).toEqual([{ plugin: "review-kit", name: "reviewer", description: "Reads code and reports problems", prompt: "You are a careful code reviewer.", tools: ["Read", "Grep"], file: join(root, "agents/reviewer.md") }]);
    expect(c.skills).toEqual([{ plugin: "review-kit", name: "pdf", description: "Fill in PDF forms", path: join(root, "skills/pdf/SKILL.md") }]);
    expect(c.mcpServers).toEqual([{ name: "review-kit_files", config: { command: "node", args: [`${root}/server.js`], env: {} }, source: "plugin review-kit", pluginRoot: root }]);
    expect(c.hooks).toHaveLength(1);
    expect(c.hooks[0]).toMatchObject({ event: "PreToolUse", matcher: "Bash", kind: "command", source: "plugin review-kit", pluginRoot: root });
  });

  test("frontmatter as Claude Code authors write it: block-scalar descriptions, allowed-tools on a command", () => {
    const root = writeTree({
      ".claude-plugin/plugin.json": { name: "yaml-kit" },
      "commands/commit.md": "---\nallowed-tools: Bash(git add:*), Bash(git commit:*)\ndescription: Commit the staged work\n---\nCommit.",
      "skills/forms/SKILL.md": "---\nname: forms\ndescription: |\n  Fill in PDF forms.\n  Use when a form is attached.\nlicense: MIT\n---\nSteps.",
      "skills/slides/SKILL.md": "---\nname: slides\ndescription: >-\n  Build slide decks\n  from an outline.\n---\nSteps.",
    });
    const { runtime } = runtimeFor([root]);
    const c = runtime.contributions();
    expect(c.commands[0]).toMatchObject({ name: "commit", description: "Commit the staged work", allowedTools: ["Bash(git add:*)", "Bash(git commit:*)"] });
    expect(c.skills.map((x) => [x.name, x.description])).toEqual([
      ["forms", "Fill in PDF forms.\nUse when a form is attached."],
      ["slides", "Build slide decks from an outline."],
    ]);
  });

  test("its hooks.json command hook runs unchanged: ${CLAUDE_PLUGIN_ROOT} substituted and set, exit 2 blocks", async () => {
    const root = claudePlugin();
    const { runtime } = runtimeFor([root]);
    const hooks = createHookRunner({ defs: runtime.contributions().hooks, projectDir: root });
    const out = await hooks.run("PreToolUse", { session_id: "s", cwd: root, hook_event_name: "PreToolUse", tool_name: "Bash", tool_input: { command: "rm -rf /" } });
    expect(out.block?.reason).toBe("no shell for you");
    const heard = readFileSync(join(root, "heard.txt"), "utf8");
    expect(heard.split("\n")[0]).toBe(`root=${root}`);
    expect(JSON.parse(heard.split("\n")[1] as string)).toMatchObject({ tool_name: "Bash", tool_input: { command: "rm -rf /" } });
    const other = await hooks.run("PreToolUse", { session_id: "s", cwd: root, hook_event_name: "PreToolUse", tool_name: "Read" });
    expect(other.block).toBeUndefined();
  });

  test("a plugin.json without a name is disabled with the file and field named", () => {
    const root = writeTree({ ".claude-plugin/plugin.json": { description: "no name" } });
    const { runtime, notices } = runtimeFor([root]);
    expect(runtime.enabled).toEqual([]);
    expect(notices).toEqual([`plugin ${root.split("/").at(-1)} is disabled: ${join(root, ".claude-plugin/plugin.json")}: name: expected string, received undefined`]);
  });
});

describe("keel manifests", () => {
  test("a bad field disables the plugin with file and field named; nothing else is lost", () => {
    const bad = writeTree({ "plugin.json": manifest("bad-one", { contributes: { hooks: [{ file: "/etc/hooks.json" }] } }) });
    const good = writeTree({ "plugin.json": manifest("good-one", { contributes: { commands: [{ name: "hello", file: "hello.md" }] } }), "hello.md": "Say hello to $ARGUMENTS." });
    const { runtime, notices } = runtimeFor([bad, good]);
    expect(runtime.enabled.map((p) => p.name)).toEqual(["good-one"]);
    expect(notices).toEqual([`plugin ${bad.split("/").at(-1)} is disabled: ${join(bad, "plugin.json")}: contributes.hooks[0].file: a relative path inside the plugin`]);
    expect(runtime.plugins).toHaveLength(2);
  });

  test("a missing contribution file is named; the plugin's other parts still load", () => {
    const root = writeTree({
      "plugin.json": manifest("half", { contributes: { commands: [{ name: "gone", file: "commands/gone.md" }, { name: "here", file: "commands/here.md" }], promptSections: [{ id: "style", file: "style.md" }] } }),
      "commands/here.md": "Here.",
      "style.md": "Write short sentences.",
    });
    const { runtime, notices } = runtimeFor([root]);
    expect(notices).toEqual([`plugin half: contributes.commands[0].file: ${join(root, "commands/gone.md")} cannot be read`]);
    expect(runtime.contributions().commands.map((c) => c.name)).toEqual(["here"]);
    expect(runtime.contributions().sections).toEqual([{ plugin: "half", id: "style", kind: "static", priority: "normal", text: "Write short sentences." }]);
  });

  test("a part whose capability the plugin does not declare is left out, and said; the rest loads", () => {
    const root = writeTree({
      "plugin.json": manifest("shy", { capabilities: ["prompt"], contributes: { commands: [{ name: "c", file: "c.md" }], hostModules: ["host.js"], widgets: [{ id: "w", slot: "companion" }], mcpServers: { s: { command: "node" } } } }),
      "c.md": "C.",
      "host.js": "export const widgets = {};",
      "hooks/hooks.json": { hooks: { Stop: [{ hooks: [{ type: "command", command: "true" }, { type: "function", function: "f" }] }] } },
    });
    const { runtime, notices } = runtimeFor([root]);
    const c = runtime.contributions();
    expect(c.commands.map((x) => x.name)).toEqual(["c"]);
    expect([c.widgets, c.mcpServers]).toEqual([[], []]);
    expect(c.hooks.map((h) => h.kind)).toEqual(["function"]);
    expect(notices).toEqual([
      'plugin shy: contributes.widgets: left out, it needs the "ui" capability, which the plugin does not declare',
      'plugin shy: contributes.mcpServers: left out, it needs the "mcp-server" capability, which the plugin does not declare',
      'plugin shy: hooks (command): left out, it needs the "run-commands" capability, which the plugin does not declare',
    ]);
  });

  test("hooks/hooks.json is read by default; an explicit empty list turns it off", () => {
    const hooks = { hooks: { Stop: [{ hooks: [{ type: "command", command: "true" }] }] } };
    const byDefault = writeTree({ "plugin.json": manifest("dflt"), "hooks/hooks.json": hooks });
    const off = writeTree({ "plugin.json": manifest("off", { contributes: { hooks: [] } }), "hooks/hooks.json": hooks });
    expect(runtimeFor([byDefault]).runtime.contributions().hooks).toHaveLength(1);
    expect(runtimeFor([off]).runtime.contributions().hooks).toHaveLength(0);
  });
});

describe("flag gating", () => {
  const gated = () =>
    writeTree({
      "plugin.json": manifest("gated", { flag: "buddy", contributes: { commands: [{ name: "pet", file: "pet.md" }], hostModules: [{ path: "host.js", tools: [{ name: "t", description: "d" }] }] } }),
      "pet.md": "Pet the buddy.",
      "host.js": "export const tools = [];",
      "hooks/hooks.json": { hooks: { Stop: [{ hooks: [{ type: "command", command: "true" }] }] } },
    });

  test("a plugin whose flag is off contributes nothing, and says why", () => {
    const { runtime, notices } = runtimeFor([gated()]);
    expect(runtime.enabled).toEqual([]);
    const c = runtime.contributions();
    expect([c.commands, c.hooks, c.hostTools, c.hostModules]).toEqual([[], [], [], []]);
    expect(runtime.plugins[0]?.disabled).toBe("flag buddy is off (keel flags set buddy true turns it on)");
    // Asked for by --plugin-dir, so the developer hears why it does nothing.
    expect(notices).toEqual(["plugin gated is disabled: flag buddy is off (keel flags set buddy true turns it on)"]);
    expect(() => runtime.host("gated")).toThrow("plugin gated is disabled: flag buddy is off");
  });

  test("the same plugin with its flag on contributes", () => {
    const flags = { ...DEFAULT_SNAPSHOT, buddy: true } as FlagValues;
    const { runtime } = runtimeFor([gated()], { flags });
    expect(runtime.contributions().commands.map((c) => c.name)).toEqual(["pet"]);
    expect(runtime.contributions().hooks).toHaveLength(1);
  });

  test("a flag keel does not know counts as off", () => {
    const root = writeTree({ "plugin.json": manifest("unknown-flag", { flag: "no_such_flag" }) });
    expect(runtimeFor([root]).runtime.enabled).toEqual([]);
  });
});

describe("installed plugins", () => {
  function install(state: string, files: Record<string, string>, capabilities: LockEntry["capabilities"] = ["prompt"]): LockEntry {
    const paths = pluginPaths({ stateDir: state, cacheDir: join(state, "cache") });
    const signed = Object.entries(files).map(([path, text]) => ({ path, sha256: createHash("sha256").update(text).digest("hex"), size: Buffer.byteLength(text), mode: 0o644 }));
    const hash = treeHash(signed);
    const root = join(paths.store, hash);
    writeTree(files, root);
    for (const f of signed) chmodSync(join(root, f.path), 0o644);
    const entry: LockEntry = { name: "stored", version: "1.2.3", publisher: "test", source: "dir:/somewhere", signed: false, format: "keel", capabilities, treeHash: hash, files: signed, publisherKeys: [], installedAt: new Date(0).toISOString() };
    writeFileSync(paths.lockfile, JSON.stringify({ version: 1, plugins: { stored: entry }, previous: {} }));
    return entry;
  }
  const files = { "plugin.json": JSON.stringify(manifest("stored", { version: "1.2.3", contributes: { commands: [{ name: "s", file: "s.md" }] } })), "s.md": "Stored command." };

  test("an installed plugin loads from its store tree", () => {
    const state = tempDir();
    const entry = install(state, files);
    const { runtime, notices } = runtimeFor([], { paths: pluginPaths({ stateDir: state, cacheDir: join(state, "cache") }) });
    expect(notices).toEqual([]);
    expect(runtime.enabled.map((p) => [p.name, p.root])).toEqual([["stored", join(state, "plugins", "store", entry.treeHash)]]);
    expect(runtime.contributions().commands[0]?.body).toBe("Stored command.");
  });

  test("a tree whose files changed since install is disabled, naming the plugin and the file", () => {
    const state = tempDir();
    const entry = install(state, files);
    const root = join(state, "plugins", "store", entry.treeHash);
    writeFileSync(join(root, "s.md"), "Now do something else entirely.");
    chmodSync(join(root, "s.md"), statSync(join(root, "s.md")).mode & 0o777);
    const { runtime, notices } = runtimeFor([], { paths: pluginPaths({ stateDir: state, cacheDir: join(state, "cache") }) });
    expect(runtime.enabled).toEqual([]);
    expect(runtime.contributions().commands).toEqual([]);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain("plugin stored 1.2.3 is disabled");
    expect(notices[0]).toContain("s.md (changed)");
  });

  test("a changed tree is not read at all: a FIFO planted as its command file cannot hang start-up", () => {
    const state = tempDir();
    const entry = install(state, files);
    const root = join(state, "plugins", "store", entry.treeHash);
    rmSync(join(root, "s.md"));
    expect(Bun.spawnSync(["mkfifo", join(root, "s.md")]).exitCode).toBe(0);
    const { runtime, notices } = runtimeFor([], { paths: pluginPaths({ stateDir: state, cacheDir: join(state, "cache") }) });
    expect(runtime.enabled).toEqual([]);
    expect(runtime.plugins.map((p) => [p.name, p.version])).toEqual([["stored", "1.2.3"]]);
    expect(notices[0]).toContain("plugin stored 1.2.3 is disabled");
  });

  test("installed, the capabilities approved at install decide, not what the manifest says now", () => {
    const state = tempDir();
    const entry = install(state, { ...files, "plugin.json": JSON.stringify(manifest("stored", { version: "1.2.3", contributes: { commands: [{ name: "s", file: "s.md" }] } })) }, []);
    const { runtime, notices } = runtimeFor([], { paths: pluginPaths({ stateDir: state, cacheDir: join(state, "cache") }) });
    expect(entry.capabilities).toEqual([]);
    expect(runtime.contributions().commands).toEqual([]);
    expect(notices).toEqual(['plugin stored: contributes.commands: left out, it needs the "prompt" capability, which the plugin does not declare']);
  });

  test("an installed plugin whose flag is off is quietly off (a choice, not a problem)", () => {
    const state = tempDir();
    install(state, { ...files, "plugin.json": JSON.stringify(manifest("stored", { version: "1.2.3", flag: "buddy" })) });
    const { runtime, notices } = runtimeFor([], { paths: pluginPaths({ stateDir: state, cacheDir: join(state, "cache") }) });
    expect(runtime.enabled).toEqual([]);
    expect(runtime.plugins[0]?.disabled).toStartWith("flag buddy is off");
    expect(notices).toEqual([]);
  });

  test("--plugin-dir wins over the installed plugin of the same name", () => {
    const state = tempDir();
    install(state, files);
    const dev = writeTree({ "plugin.json": manifest("stored", { contributes: { commands: [{ name: "s", file: "s.md" }] } }), "s.md": "Development copy." });
    const { runtime } = runtimeFor([dev], { paths: pluginPaths({ stateDir: state, cacheDir: join(state, "cache") }) });
    expect(runtime.plugins.map((p) => p.origin)).toEqual([`dir:${dev}`]);
    expect(runtime.contributions().commands[0]?.body).toBe("Development copy.");
    expect(existsSync(dev)).toBe(true);
  });
});

describe("slash commands", () => {
  const cmds = [
    { plugin: "kit", name: "review", description: "", body: "Review $ARGUMENTS; start with $1.", file: "x" },
    { plugin: "kit", name: "tidy", description: "", body: "Tidy up.", file: "y" },
  ];
  test.each([
    ["/review src/a.ts src/b.ts", "Review src/a.ts src/b.ts; start with src/a.ts."],
    ["/kit:review one", "Review one; start with one."],
    ["/tidy", "Tidy up."],
    ["/tidy only the tests", "Tidy up.\n\nARGUMENTS: only the tests"],
    // What the person typed is inserted as typed: never read again for $1, nor for replace()'s $$ / $& patterns.
    ["/review awk '{print $1}' $$ $&", "Review awk '{print $1}' $$ $&; start with awk."],
    ["/kit:review $2 second", "Review $2 second; start with $2."],
  ])("%s", (line, prompt) => {
    expect(expandCommand(cmds, line)?.prompt).toBe(prompt);
  });
  test("a line that is not a plugin command is left alone", () => {
    expect(expandCommand(cmds, "/unknown x")).toBeUndefined();
    expect(expandCommand(cmds, "/other:review x")).toBeUndefined();
    expect(expandCommand(cmds, "review x")).toBeUndefined();
  });
});
