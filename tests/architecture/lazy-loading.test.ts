// What start-up loads, observed in a fresh process: `keel --version` loads main.ts and
// version.ts only; `keel --help` loads no engine, model, tools, UI, prompt or safety code
// and none of the heavy packages. A command that needs them (check-command) must load
// them, which shows the probe sees lazily imported modules and cannot pass vacuously.
import { describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { startAnthropicServer, text } from "../support/anthropic/index.ts";

const ROOT = resolve(import.meta.dir, "../..");
const MAIN = join(ROOT, "src/main.ts");

/** Runs src/main.ts with `args` in a fresh Bun process and returns every module it loaded. */
async function loadedBy(args: string[], extraEnv: Record<string, string> = {}): Promise<string[]> {
  const out = join(mkdtempSync(join(tmpdir(), "keel-lazy-")), "modules.json");
  const script = `
    process.argv = [process.argv[0], ${JSON.stringify(MAIN)}, ...${JSON.stringify(args)}];
    await import(${JSON.stringify(MAIN)});
    require("node:fs").writeFileSync(${JSON.stringify(out)}, JSON.stringify(Object.keys(require.cache)));`;
  const home = mkdtempSync(join(tmpdir(), "keel-lazy-home-"));
  const p = Bun.spawn([process.execPath, "-e", script], {
    cwd: home,
    env: { PATH: process.env.PATH ?? "", HOME: home, KEEL_HOME: home, NO_COLOR: "1", ...extraEnv },
    stdout: "ignore",
    stderr: "pipe",
  });
  const [code, stderr] = await Promise.all([p.exited, new Response(p.stderr).text()]);
  if (code !== 0) throw new Error(`probe exited ${code}: ${stderr}`);
  return (JSON.parse(readFileSync(out, "utf8")) as string[]).map((m) => relative(ROOT, m));
}

const HEAVY = [/node_modules\/@anthropic-ai\//, /node_modules\/react\//, /node_modules\/ink\//, /node_modules\/@growthbook\//, /node_modules\/web-tree-sitter\//];
const DEEP = /^src\/(engine|model|tools|ui|prompt|safety|session|hooks|plugins|context|overlay|memory)\//;

describe("start-up loads only what it needs", () => {
  test("--version: main.ts and version.ts, nothing else of ours or of node_modules", async () => {
    const ours = (await loadedBy(["--version"])).filter((m) => !m.startsWith(".."));
    expect(ours.sort()).toEqual(["src/main.ts", "src/version.ts"]);
  });

  test("--help: no engine, model, tools, UI, prompt or safety code, no heavy package", async () => {
    const mods = await loadedBy(["--help"]);
    expect(mods).toContain("src/cli/index.ts");
    expect(mods.filter((m) => DEEP.test(m))).toEqual([]);
    expect(mods.filter((m) => HEAVY.some((h) => h.test(m)))).toEqual([]);
  });

  test("the probe sees lazy imports: check-command loads the safety code and its own parser, no tree-sitter", async () => {
    const mods = await loadedBy(["check-command", "ls -la"]);
    expect(mods.some((m) => m.startsWith("src/safety/bash/parse/"))).toBe(true);
    expect(mods.some((m) => /tree-sitter/.test(m))).toBe(false);
  });

  // Spawned (not spawnSync) so the fake API server in this process can answer the session.
  const TUF = /node_modules\/(tuf-js|@tufjs)\//;
  test("a -p session with no plugin installed and no MCP server loads neither domain; with a plugin, the runtime but no registry client (tuf-js)", async () => {
    const server = await startAnthropicServer();
    try {
      const env = { ANTHROPIC_API_KEY: "k", ANTHROPIC_BASE_URL: server.url };
      server.enqueue(text("ok"));
      const bare = await loadedBy(["-p", "hi"], env);
      expect(bare).toContain("src/engine/loop.ts");
      expect(bare.filter((m) => m.startsWith("src/plugins/") || m.startsWith("src/mcp/") || TUF.test(m))).toEqual([]);
      server.enqueue(text("ok"));
      const withPlugin = await loadedBy(["--plugin-dir", join(ROOT, "plugins/commit-helper"), "-p", "hi"], env);
      expect(withPlugin).toContain("src/plugins/runtime/index.ts");
      expect(withPlugin.filter((m) => TUF.test(m) || m.startsWith("src/plugins/registry/"))).toEqual([]);
    } finally {
      await server.close();
    }
  });

  test("the probe sees the registry when a command needs it: plugin search loads tuf-js", async () => {
    const mods = await loadedBy(["--flag", "harbor=true", "plugin", "search", "buddy"]);
    expect(mods.some((m) => TUF.test(m))).toBe(true);
  });
});
