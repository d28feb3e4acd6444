// Edit: one exact, unique string replacement in a file the session has read.
import { z } from "zod";
import description from "./edit.md" with { type: "text" };
import { editFile } from "./edit-file.ts";
import { checkPath } from "./paths.ts";
import { guarded } from "./result.ts";
import { defineTool } from "./tool.ts";

const input = z.strictObject({
  file_path: z.string().describe("The absolute path to the file to modify"),
  old_string: z.string().describe("The text to replace"),
  new_string: z.string().describe("The text to replace it with (must be different from old_string)"),
  replace_all: z.boolean().optional().describe("Replace all occurrences of old_string (default false)"),
});

export const editTool = defineTool({
  name: "Edit",
  description,
  input,
  readOnly: false,
  run: (args, ctx) => guarded(async () => editFile(checkPath(args.file_path, "file_path", ctx.cwd), [args], ctx)),
});
