// Layers point one way (DESIGN.md): cli → ui → engine → leaves → config, and a folder
// is entered only through its index.ts. This test reads every import in src/ so the
// rule cannot rot silently.
import { describe, expect, test } from "bun:test";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const SRC = resolve(import.meta.dir, "../../src");

/** Higher may import lower or equal; never upward. Root files (errors.ts, version.ts, main.ts) are special-cased. */
const RANK: Record<string, number> = {
  config: 0,
  flags: 1,
  model: 1,
  prompt: 1,
  context: 1,
  tools: 1,
  safety: 1,
  hooks: 1,
  plugins: 1,
  session: 1,
  memory: 1,
  overlay: 1,
  mcp: 1,
  engine: 2,
  daemon: 3,
  inbox: 3,
  ui: 4,
  cli: 5,
};

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (/\.(ts|tsx)$/.test(name)) yield p;
  }
}

const IMPORT = /(?:import|export)\s[^"'`]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

function imports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(IMPORT)].map((m) => (m[1] ?? m[2]) as string).filter((s) => s.startsWith("."));
}

const domainOf = (file: string) => relative(SRC, file).split("/")[0] as string;

describe("layering", () => {
  const all = [...files(SRC)];

  test("every src folder has a rank and an index.ts face", () => {
    for (const name of readdirSync(SRC)) {
      if (!statSync(join(SRC, name)).isDirectory()) continue;
      expect(RANK[name], `src/${name}/ needs a rank in tests/architecture/layers.test.ts`).toBeDefined();
      if (name !== "cli") expect(statSync(join(SRC, name, "index.ts")).isFile()).toBe(true);
    }
  });

  test("no import points upward or past a folder's index.ts", () => {
    const problems: string[] = [];
    for (const file of all) {
      const from = domainOf(file);
      if (!(from in RANK)) continue; // root-level files: main.ts, errors.ts, version.ts
      for (const spec of imports(file)) {
        const target = resolve(dirname(file), spec);
        const rel = relative(SRC, target);
        if (rel.startsWith("..")) continue; // outside src (package.json, embedded assets)
        const to = rel.split("/")[0] as string;
        if (to === from || !(to in RANK)) continue;
        const where = `${relative(SRC, file)} imports ${spec}`;
        if ((RANK[to] as number) > (RANK[from] as number)) problems.push(`${where}: ${from} may not depend on ${to}`);
        if (rel !== `${to}/index.ts` && rel !== to) problems.push(`${where}: enter ${to}/ through ${to}/index.ts`);
      }
    }
    expect(problems).toEqual([]);
  });

  test("the rule catches an upward import (self-check on a synthetic case)", () => {
    // Guards the regex itself: if it stopped matching, the test above would pass vacuously.
    const sample = `import { x } from "../ui/index.ts";\nconst m = await import("../engine/index.ts");`;
    const found = [...sample.matchAll(IMPORT)].map((m) => m[1] ?? m[2]);
    expect(found).toEqual(["../ui/index.ts", "../engine/index.ts"]);
  });
});
