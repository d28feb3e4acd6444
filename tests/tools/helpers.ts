// Shared set-up for the tool tests: a real temp dir and a fresh session context.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { builtinTools, createFileReadState, type Tool, type ToolContext, type ToolResult } from "../../src/tools/index.ts";

const made: string[] = [];

/** Each test file calls this in afterAll, so runs leave no temp dirs behind. */
export function removeTempDirs(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}

export function tempDir(prefix = "keel-tools-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function makeCtx(cwd: string, over: Partial<ToolContext> = {}): ToolContext {
  return { cwd, signal: new AbortController().signal, files: createFileReadState(), sessionId: "test", store: new Map(), ...over };
}

/** Writes a tree of files: { "a/b.txt": "text" }. */
export function writeTree(root: string, files: Record<string, string | Uint8Array>): void {
  for (const [rel, content] of Object.entries(files)) {
    const p = join(root, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, content);
  }
}

export function tool(name: string): Tool {
  const t = builtinTools().find((x) => x.name === name);
  if (!t) throw new Error(`no tool ${name}`);
  return t;
}

/** Runs a tool the way the engine does: schema first, then run. */
export async function call(name: string, input: unknown, ctx: ToolContext): Promise<ToolResult> {
  const t = tool(name);
  const parsed = t.input.safeParse(input);
  if (!parsed.success) throw new Error(`test input invalid for ${name}: ${parsed.error.message}`);
  return t.run(parsed.data, ctx);
}

export function text(r: ToolResult): string {
  if (typeof r.forModel === "string") return r.forModel;
  return r.forModel.map((b) => (b.type === "text" ? b.text : `[image ${b.source.media_type}]`)).join("\n");
}
