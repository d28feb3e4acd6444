// What start-up loads, observed in a fresh process: `keel --version` loads main.ts and
// version.ts only; `keel --help` loads no engine, model, tools, UI, prompt or safety code
// and none of the heavy packages. A command that needs them (check-command) must load
// them, which shows the probe sees lazily imported modules and cannot pass vacuously.
import { describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";

const ROOT = resolve(import.meta.dir, "../..");
const MAIN = join(ROOT, "src/main.ts");

/** Runs src/main.ts with `args` in a fresh Bun process and returns every module it loaded. */
function loadedBy(args: string[]): string[] {
  const out = join(mkdtempSync(join(tmpdir(), "keel-lazy-")), "modules.json");
  const script = `
    process.argv = [process.argv[0], ${JSON.stringify(MAIN)}, ...${JSON.stringify(args)}];
    await import(${JSON.stringify(MAIN)});
    require("node:fs").writeFileSync(${JSON.stringify(out)}, JSON.stringify(Object.keys(require.cache)));`;
  const home = mkdtempSync(join(tmpdir(), "keel-lazy-home-"));
  const p = Bun.spawnSync([process.execPath, "-e", script], {
    cwd: home,
    env: { PATH: process.env.PATH ?? "", HOME: home, KEEL_HOME: home, NO_COLOR: "1" },
    stdout: "ignore",
    stderr: "pipe",
  });
  if (p.exitCode !== 0) throw new Error(`probe exited ${p.exitCode}: ${p.stderr.toString()}`);
  return (JSON.parse(readFileSync(out, "utf8")) as string[]).map((m) => relative(ROOT, m));
}

const HEAVY = [/node_modules\/@anthropic-ai\//, /node_modules\/react\//, /node_modules\/ink\//, /node_modules\/@growthbook\//, /node_modules\/web-tree-sitter\//];
const DEEP = /^src\/(engine|model|tools|ui|prompt|safety|session|hooks|plugins|context|overlay|memory)\//;

describe("start-up loads only what it needs", () => {
  test("--version: main.ts and version.ts, nothing else of ours or of node_modules", () => {
    const ours = loadedBy(["--version"]).filter((m) => !m.startsWith(".."));
    expect(ours.sort()).toEqual(["src/main.ts", "src/version.ts"]);
  });

  test("--help: no engine, model, tools, UI, prompt or safety code, no heavy package", () => {
    const mods = loadedBy(["--help"]);
    expect(mods).toContain("src/cli/index.ts");
    expect(mods.filter((m) => DEEP.test(m))).toEqual([]);
    expect(mods.filter((m) => HEAVY.some((h) => h.test(m)))).toEqual([]);
  });

  test("the probe sees lazy imports: check-command loads the safety code and the parser", () => {
    const mods = loadedBy(["check-command", "ls -la"]);
    expect(mods.some((m) => m.startsWith("src/safety/"))).toBe(true);
    expect(mods.some((m) => /node_modules\/web-tree-sitter\//.test(m))).toBe(true);
  });
});
