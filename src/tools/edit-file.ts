// The side-effecting half of Edit and MultiEdit: check the file is the one the session
// read, apply the edits in memory (all or nothing), write atomically, record the new
// state, and describe the result for the model (a numbered snippet) and the UI (hunks).
import { readFile, stat } from "node:fs/promises";
import { applyEdits, type EditOp } from "./edit-apply.ts";
import { structuredDiff } from "./diff.ts";
import { assertFresh, remember } from "./file-state.ts";
import { ToolFailure } from "./result.ts";
import { decodeUtf8, looksBinary, numberLines, splitLines } from "./text.ts";
import type { ToolContext, ToolResult } from "./tool.ts";
import { writeFileAtomic } from "../config/index.ts";

const SNIPPET_CONTEXT = 4;

export async function editFile(path: string, edits: readonly EditOp[], ctx: ToolContext): Promise<ToolResult> {
  const st = await stat(path).catch(() => undefined);
  if (!st) return createWithEdit(path, edits, ctx);
  if (st.isDirectory()) throw new ToolFailure(`${path} is a directory, not a file.`);
  const bytes = await readFile(path);
  if (looksBinary(bytes)) throw new ToolFailure(`${path} looks like a binary file; Edit changes text files only.`);
  assertFresh(ctx.files, path, bytes, "edit");
  const original = decodeUtf8(bytes);
  if (original === "" && edits.length === 1 && edits[0]?.old_string === "") {
    return write(path, "", (edits[0] as EditOp).new_string, 0, ctx, "update");
  }
  if (edits.some((e) => e.old_string === "") && original !== "") {
    throw new ToolFailure(`${path} already exists and is not empty; an empty old_string only creates a new file. Quote the text to replace.`);
  }
  const applied = applyEdits(original, edits);
  if (!applied.ok) throw new ToolFailure(`${applied.message}\nThe file was not changed.`);
  const replacedAll = edits.length === 1 && edits[0]?.replace_all;
  return write(path, original, applied.content, applied.firstChange, ctx, "update", replacedAll ? (edits[0] as EditOp) : undefined);
}

/** Edit with an empty old_string on a missing file creates it, as Claude Code's Edit does. */
async function createWithEdit(path: string, edits: readonly EditOp[], ctx: ToolContext): Promise<ToolResult> {
  const first = edits[0];
  if (!first || first.old_string !== "") {
    throw new ToolFailure(`File does not exist: ${path}. To create it, use Write (or Edit with an empty old_string).`);
  }
  const rest = applyEdits(first.new_string, edits.slice(1));
  if (!rest.ok) throw new ToolFailure(`${rest.message}\nThe file was not created.`);
  return write(path, "", rest.content, 0, ctx, "create");
}

async function write(path: string, before: string, after: string, at: number, ctx: ToolContext, kind: "create" | "update", all?: EditOp): Promise<ToolResult> {
  await writeFileAtomic(path, after);
  await remember(ctx.files, path, after);
  const hunks = structuredDiff(before, after);
  const display = { type: kind, filePath: path, hunks };
  if (kind === "create") return { forModel: `File created successfully at: ${path}`, forDisplay: display };
  if (all) {
    return {
      forModel: `The file ${path} has been updated. All occurrences of ${JSON.stringify(all.old_string)} were replaced with ${JSON.stringify(all.new_string)}.`,
      forDisplay: display,
    };
  }
  return { forModel: `The file ${path} has been updated. Here's the result of running \`cat -n\` on a snippet of the edited file:\n${snippet(after, at, hunks)}`, forDisplay: display };
}

/** Numbered lines around the first change, enough for the model to check its work. */
function snippet(after: string, at: number, hunks: ReturnType<typeof structuredDiff>): string {
  const lines = splitLines(after);
  const firstLine = after.slice(0, at).split("\n").length;
  const changedNew = hunks[0] ? hunks[0].lines.filter((l) => l.startsWith("+")).length : 1;
  const start = Math.max(1, firstLine - SNIPPET_CONTEXT);
  const end = Math.min(lines.length, firstLine + Math.max(changedNew, 1) - 1 + SNIPPET_CONTEXT);
  return numberLines(lines.slice(start - 1, end), start);
}
