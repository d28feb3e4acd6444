// Grep and Glob over a generated repository of 10,000 source files (plus 5,000 in an
// ignored node_modules that must cost nothing), the size of a large real project.
// Budgets: a model waits on every search, and the turn feels stuck past half a second;
// ripgrep does this repo in well under that, so a pure-JS search on 2 cores must too.
// Warm runs (page cache hot) are what an agent sees after its first search of a session.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { builtinTools, createFileReadState, type ToolContext } from "../src/tools/index.ts";
import { median, report } from "./budget.ts";

const FILES = 10_000;
const root = mkdtempSync(join(tmpdir(), "keel-bench-tools-"));

function generate(): number {
  let bytes = 0;
  writeFileSync(join(root, ".gitignore"), "node_modules/\ndist/\n*.log\n");
  for (let i = 0; i < FILES; i++) {
    const dir = join(root, "src", `pkg${i % 40}`, `mod${Math.floor(i / 40) % 25}`);
    mkdirSync(dir, { recursive: true });
    const lines = Array.from({ length: 60 }, (_, l) => `export function fn${i}_${l}(a: number, b: string): string { return b.repeat(a) + "${(i * 31 + l) % 997}"; }`);
    if (i % 1000 === 7) lines.push("// RARE_NEEDLE_TOKEN: the thing we search for");
    const body = lines.join("\n");
    bytes += body.length;
    writeFileSync(join(dir, `file${i}.${i % 5 === 0 ? "tsx" : "ts"}`), body);
  }
  for (let i = 0; i < FILES / 2; i++) {
    const dir = join(root, "node_modules", `dep${i % 100}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `index${i}.js`), "module.exports = 'RARE_NEEDLE_TOKEN';\n");
  }
  return bytes;
}

const ctx: ToolContext = { cwd: root, signal: new AbortController().signal, files: createFileReadState(), sessionId: "bench", store: new Map() };
const tools = Object.fromEntries(builtinTools().map((t) => [t.name, t]));

async function time(name: string, input: Record<string, unknown>, expect: (out: string) => boolean, runs = 7): Promise<{ cold: number; warm: number }> {
  const tool = tools[name];
  if (!tool) throw new Error(`no tool ${name}`);
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = await tool.run(input as never, ctx);
    ms.push(performance.now() - t0);
    const out = typeof r.forModel === "string" ? r.forModel : "";
    if (r.isError || !expect(out)) throw new Error(`${name} ${JSON.stringify(input)} gave an unexpected result:\n${out.slice(0, 500)}`);
  }
  return { cold: ms[0] as number, warm: median(ms.slice(1)) };
}

const bytes = generate();
try {
  const grepFiles = await time("Grep", { pattern: "RARE_NEEDLE_TOKEN" }, (o) => o.startsWith("Found 10 files"));
  const grepContent = await time("Grep", { pattern: "fn\\d+_59\\(", output_mode: "content", head_limit: 50 }, (o) => o.includes(":60:export function"));
  const grepCount = await time("Grep", { pattern: "return", output_mode: "count", type: "ts" }, (o) => o.includes("Found 600000 total occurrences"));
  const globAll = await time("Glob", { pattern: "**/*.tsx" }, (o) => o.includes("Results are truncated: showing 100 of 2000"));
  const globNarrow = await time("Glob", { pattern: "src/pkg3/**/*.ts" }, (o) => o.includes("showing 100 of 250"));

  const ok = report(`tools over ${FILES} files (${(bytes / 1e6).toFixed(1)} MB) + 5,000 ignored, warm = median of 6`, [
    { name: "Grep files_with_matches, cold", value: Math.round(grepFiles.cold), unit: "ms" },
    { name: "Grep files_with_matches, warm", value: Math.round(grepFiles.warm), unit: "ms", budget: 500 },
    { name: "Grep content + head_limit, warm", value: Math.round(grepContent.warm), unit: "ms", budget: 500 },
    { name: "Grep count, type ts (600k hits), warm", value: Math.round(grepCount.warm), unit: "ms", budget: 1000 },
    { name: "Glob **/*.tsx, warm", value: Math.round(globAll.warm), unit: "ms", budget: 250 },
    { name: "Glob src/pkg3/**/*.ts, warm", value: Math.round(globNarrow.warm), unit: "ms", budget: 250 },
  ]);
  process.exitCode = ok ? 0 : 1;
} finally {
  rmSync(root, { recursive: true, force: true });
}
