// Glob: files matching a pattern under a directory, .gitignore-aware, newest first.
import { stat } from "node:fs/promises";
import { isAbsolute } from "node:path";
import { z } from "zod";
import description from "./glob.md" with { type: "text" };
import { checkPath } from "./paths.ts";
import { ToolFailure, guarded } from "./result.ts";
import { defineTool } from "./tool.ts";
import { walk } from "./walk.ts";

export const GLOB_MAX_RESULTS = 100;

const input = z.strictObject({
  pattern: z.string().describe("The glob pattern to match files against"),
  path: z
    .string()
    .optional()
    .describe('The directory to search in. Defaults to the working directory. Omit it for the default; never pass "undefined" or "null".'),
});

export const globTool = defineTool({
  name: "Glob",
  description,
  input,
  readOnly: true,
  run: (args, ctx) =>
    guarded(async () => {
      let { pattern } = args;
      let root = checkPath(args.path ?? ctx.cwd, "path", ctx.cwd);
      if (pattern.includes("\0")) throw new ToolFailure("pattern contains a NUL byte.");
      if (isAbsolute(pattern)) [root, pattern] = splitAbsolutePattern(pattern, ctx.cwd);
      if (pattern.split("/").includes("..")) {
        throw new ToolFailure(`pattern must not contain ".." segments (got ${JSON.stringify(args.pattern)}); set path to the directory to search instead.`);
      }
      await assertDirectory(root, "path");
      const glob = new Bun.Glob(pattern.replace(/^\.\//, ""));
      const found: Array<{ abs: string; mtime: number }> = [];
      for await (const e of walk(root, { signal: ctx.signal })) {
        if (glob.match(e.rel)) found.push({ abs: e.abs, mtime: 0 });
      }
      await Promise.all(found.map(async (f) => (f.mtime = (await stat(f.abs).catch(() => undefined))?.mtimeMs ?? 0)));
      found.sort((a, b) => b.mtime - a.mtime || (a.abs < b.abs ? -1 : 1));
      const shown = found.slice(0, GLOB_MAX_RESULTS).map((f) => f.abs);
      const truncated = found.length > shown.length;
      let text = shown.length ? shown.join("\n") : "No files found";
      if (truncated) text += `\n(Results are truncated: showing ${shown.length} of ${found.length}. Use a more specific path or pattern.)`;
      return { forModel: text, forDisplay: { root, pattern, files: shown, total: found.length, truncated } };
    }),
});

/** "/repo/src/**\/*.ts" → root "/repo/src", pattern "**\/*.ts": the static prefix becomes the directory. */
function splitAbsolutePattern(pattern: string, cwd: string): [string, string] {
  const parts = pattern.split("/");
  const firstGlob = parts.findIndex((p) => /[*?[\]{}!]/.test(p));
  const cut = firstGlob === -1 ? parts.length - 1 : firstGlob;
  return [checkPath(parts.slice(0, cut).join("/") || "/", "pattern", cwd), parts.slice(cut).join("/")];
}

export async function assertDirectory(path: string, field: string): Promise<void> {
  const st = await stat(path).catch(() => undefined);
  if (!st) throw new ToolFailure(`${field} does not exist: ${path}`);
  if (!st.isDirectory()) throw new ToolFailure(`${field} is not a directory: ${path}`);
}
