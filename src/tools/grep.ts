// Grep: a JavaScript-regex search over files, shaped like ripgrep (no external binary).
// Files stream through a bounded pool of readers; binaries, huge files and
// .gitignore'd paths are skipped; output is capped so a broad pattern cannot flood the context.
import { readFile, stat } from "node:fs/promises";
import { basename } from "node:path";
import { z } from "zod";
import description from "./grep.md" with { type: "text" };
import { FILE_TYPES } from "./grep-types.ts";
import { contentLines, findMatches } from "./grep-search.ts";
import { checkPath } from "./paths.ts";
import { ToolFailure, guarded } from "./result.ts";
import { decodeUtf8, looksBinary } from "./text.ts";
import { defineTool } from "./tool.ts";
import { walk } from "./walk.ts";

export const GREP_LIMITS = { fileBytes: 10 * 1024 * 1024, readers: 16, outputChars: 30_000, lineChars: 500 };

const input = z.strictObject({
  pattern: z.string().describe("The regular expression pattern to search for in file contents"),
  path: z.string().optional().describe("File or directory to search in. Defaults to the working directory."),
  glob: z.string().optional().describe('Glob pattern to filter files (e.g. "*.js", "*.{ts,tsx}")'),
  type: z.string().optional().describe('File type to search (e.g. "js", "py", "rust", "go", "java"). More efficient than glob for standard file types.'),
  output_mode: z
    .enum(["content", "files_with_matches", "count"])
    .optional()
    .describe('"content" shows matching lines, "files_with_matches" (default) shows file paths, "count" shows match counts'),
  "-i": z.boolean().optional().describe("Case insensitive search"),
  "-n": z.boolean().optional().describe('Show line numbers in output (output_mode "content" only; default true)'),
  "-A": z.int().min(0).optional().describe('Number of lines to show after each match (output_mode "content" only)'),
  "-B": z.int().min(0).optional().describe('Number of lines to show before each match (output_mode "content" only)'),
  "-C": z.int().min(0).optional().describe('Number of lines to show before and after each match (output_mode "content" only)'),
  multiline: z.boolean().optional().describe("Enable multiline mode where . matches newlines and patterns can span lines. Default: false."),
  head_limit: z.int().min(1).optional().describe("Limit output to the first N lines / files / count entries"),
});

type Args = z.infer<typeof input>;
interface FileHit {
  abs: string;
  count: number;
  lines: string[];
  mtime: number;
}

export const grepTool = defineTool({
  name: "Grep",
  description,
  input,
  readOnly: true,
  run: (args, ctx) =>
    guarded(async () => {
      const mode = args.output_mode ?? "files_with_matches";
      const re = compile(args);
      const root = checkPath(args.path ?? ctx.cwd, "path", ctx.cwd);
      const st = await stat(root).catch(() => undefined);
      if (!st) throw new ToolFailure(`path does not exist: ${root}`);
      const accept = fileFilter(args);
      const files = st.isDirectory() ? await listFiles(root, accept, ctx.signal) : [root];
      const { hits, skipped, stoppedEarly } = await searchFiles(files, re, args, mode, ctx.signal);
      if (ctx.signal.aborted) throw new ToolFailure("Search interrupted.");
      return render(hits, mode, args.head_limit, { root, skipped, searched: files.length, stoppedEarly });
    }),
});

/**
 * `re` is what decides (per line, or over the whole text when multiline); `quick` is a
 * whole-text pass with the m flag that lets the many files without a match skip line splitting.
 */
function compile(args: Args): { re: RegExp; quick: RegExp } {
  let source = args.pattern;
  let flags = args["-i"] ? "i" : "";
  if (source.startsWith("(?i)")) [source, flags] = [source.slice(4), "i"]; // ripgrep's inline flag
  const make = (extra: string) => {
    try {
      return new RegExp(source, `${flags}${extra}u`);
    } catch {
      try {
        return new RegExp(source, flags + extra); // patterns like `\-` are fine without the u flag
      } catch (e) {
        throw new ToolFailure(`pattern is not a valid JavaScript regular expression: ${(e as Error).message}`);
      }
    }
  };
  return args.multiline ? { re: make("gms"), quick: make("ms") } : { re: make(""), quick: make("m") };
}

/** glob and type, with ripgrep's rule: a glob without "/" matches the file name anywhere. */
function fileFilter(args: Args): (rel: string) => boolean {
  const globs = (args.glob ?? "").split(/\s+/).filter(Boolean);
  const include = globs.filter((g) => !g.startsWith("!")).map(matcher);
  const exclude = globs.filter((g) => g.startsWith("!")).map((g) => matcher(g.slice(1)));
  let typed: Array<(rel: string) => boolean> = [];
  if (args.type !== undefined) {
    const patterns = FILE_TYPES[args.type];
    if (!patterns) throw new ToolFailure(`type ${JSON.stringify(args.type)} is not known; known types: ${Object.keys(FILE_TYPES).join(", ")}. Or use glob.`);
    typed = patterns.map(matcher);
  }
  return (rel) =>
    (include.length === 0 || include.some((m) => m(rel))) && !exclude.some((m) => m(rel)) && (typed.length === 0 || typed.some((m) => m(rel)));
}

function matcher(pattern: string): (rel: string) => boolean {
  const g = new Bun.Glob(pattern.replace(/^\.\//, ""));
  return pattern.includes("/") ? (rel) => g.match(rel) : (rel) => g.match(basename(rel));
}

async function listFiles(root: string, accept: (rel: string) => boolean, signal: AbortSignal): Promise<string[]> {
  const out: string[] = [];
  for await (const e of walk(root, { signal })) if (accept(e.rel)) out.push(e.abs);
  return out.sort();
}

/**
 * Files are taken in path order. In content mode the search stops taking new files once
 * the files already taken hold more output than can be shown: every file before that
 * point is finished, so the (path-ordered, truncated) output is the same on every run.
 */
async function searchFiles(files: string[], { re, quick }: ReturnType<typeof compile>, args: Args, mode: string, signal: AbortSignal) {
  const found: Array<FileHit | undefined> = [];
  let skipped = 0;
  let next = 0;
  let shownChars = 0;
  let shownLines = 0;
  let stoppedEarly = false;
  const enough = () => shownChars > GREP_LIMITS.outputChars || (args.head_limit !== undefined && shownLines >= args.head_limit);
  const context = { before: args["-B"] ?? args["-C"] ?? 0, after: args["-A"] ?? args["-C"] ?? 0, lineNumbers: args["-n"] ?? true, maxLineChars: GREP_LIMITS.lineChars };
  async function reader() {
    while (next < files.length && !signal.aborted) {
      if (mode === "content" && enough()) {
        stoppedEarly = true;
        return;
      }
      const index = next++;
      const abs = files[index] as string;
      const st = await stat(abs).catch(() => undefined);
      if (!st || st.size > GREP_LIMITS.fileBytes) {
        skipped++;
        continue;
      }
      const bytes = await readFile(abs).catch(() => undefined);
      if (!bytes || looksBinary(bytes)) continue;
      const text = decodeUtf8(bytes);
      // \r defeats `$` in the whole-text pass, so CRLF files always take the line-by-line path.
      if (!text.includes("\r") && !quick.test(text)) continue;
      const m = findMatches(text, re, args.multiline ?? false);
      if (m.count === 0) continue;
      const lines = mode === "content" ? contentLines(abs, text, m.lines, context) : [];
      shownLines += lines.length;
      shownChars += lines.reduce((n, l) => n + l.length + 1, 0);
      found[index] = { abs, count: m.count, mtime: st.mtimeMs, lines };
    }
  }
  await Promise.all(Array.from({ length: Math.min(GREP_LIMITS.readers, files.length) }, reader));
  return { hits: found.filter((h): h is FileHit => h !== undefined), skipped, stoppedEarly };
}

function render(hits: FileHit[], mode: string, headLimit: number | undefined, info: { root: string; skipped: number; searched: number; stoppedEarly: boolean }) {
  const byPath = (a: FileHit, b: FileHit) => (a.abs < b.abs ? -1 : a.abs > b.abs ? 1 : 0);
  let entries: string[];
  let summary = "";
  if (mode === "files_with_matches") {
    hits.sort((a, b) => b.mtime - a.mtime || byPath(a, b));
    entries = hits.map((h) => h.abs);
  } else if (mode === "count") {
    hits.sort(byPath);
    entries = hits.map((h) => `${h.abs}:${h.count}`);
    const total = hits.reduce((n, h) => n + h.count, 0);
    summary = `\n\nFound ${total} total ${total === 1 ? "occurrence" : "occurrences"} across ${hits.length} ${hits.length === 1 ? "file" : "files"}.`;
  } else {
    hits.sort(byPath);
    entries = hits.flatMap((h) => h.lines);
  }
  const limited = headLimit !== undefined && entries.length > headLimit;
  const shown = limited ? entries.slice(0, headLimit) : entries;
  let body = shown.join("\n");
  if (body.length > GREP_LIMITS.outputChars) {
    const cut = body.lastIndexOf("\n", GREP_LIMITS.outputChars);
    body = `${body.slice(0, cut > 0 ? cut : GREP_LIMITS.outputChars)}\n[output truncated at ${GREP_LIMITS.outputChars} characters; narrow the search with path, glob, type or head_limit]`;
  } else if (limited) {
    body += info.stoppedEarly ? `\n[showing the first ${headLimit}; there are more]` : `\n[showing the first ${headLimit} of ${entries.length}]`;
  }
  const display = { mode, root: info.root, files: hits.length, searched: info.searched, skippedLarge: info.skipped, entries: shown };
  if (hits.length === 0) return { forModel: mode === "content" ? "No matches found" : "No files found", forDisplay: display };
  const head = mode === "files_with_matches" ? `Found ${hits.length} ${hits.length === 1 ? "file" : "files"}\n` : "";
  return { forModel: head + body + summary, forDisplay: display };
}
