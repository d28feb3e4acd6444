// MultiEdit: several replacements in one file, applied in order, all or nothing.
import { z } from "zod";
import description from "./multi-edit.md" with { type: "text" };
import { editFile } from "./edit-file.ts";
import { checkPath } from "./paths.ts";
import { guarded } from "./result.ts";
import { defineTool } from "./tool.ts";

const edit = z.strictObject({
  old_string: z.string().describe("The text to replace"),
  new_string: z.string().describe("The text to replace it with"),
  replace_all: z.boolean().optional().describe("Replace all occurrences of old_string (default false)"),
});

const input = z.strictObject({
  file_path: z.string().describe("The absolute path to the file to modify"),
  edits: z.array(edit).min(1).describe("Edits to apply in order, each to the result of the previous one"),
});

export const multiEditTool = defineTool({
  name: "MultiEdit",
  description,
  input,
  readOnly: false,
  run: (args, ctx) => guarded(async () => editFile(checkPath(args.file_path, "file_path", ctx.cwd), args.edits, ctx)),
});
