// Write: create or replace a whole file, atomically. Replacing needs a prior Read of
// the same content, so the model never clobbers a file it has not seen.
import { readFile, stat } from "node:fs/promises";
import { z } from "zod";
import description from "./write.md" with { type: "text" };
import { writeFileAtomic } from "../config/index.ts";
import { structuredDiff } from "./diff.ts";
import { assertFresh, remember } from "./file-state.ts";
import { checkPath } from "./paths.ts";
import { ToolFailure, guarded } from "./result.ts";
import { decodeUtf8, splitLines } from "./text.ts";
import { defineTool } from "./tool.ts";

const input = z.strictObject({
  file_path: z.string().describe("The absolute path to the file to write (must be absolute, not relative)"),
  content: z.string().describe("The content to write to the file"),
});

export const writeTool = defineTool({
  name: "Write",
  description,
  input,
  readOnly: false,
  run: (args, ctx) =>
    guarded(async () => {
      const path = checkPath(args.file_path, "file_path", ctx.cwd, { absolute: true });
      const st = await stat(path).catch(() => undefined);
      if (st?.isDirectory()) throw new ToolFailure(`${path} is a directory; Write needs a file path.`);
      let before: string | undefined;
      if (st) {
        const bytes = await readFile(path);
        assertFresh(ctx.files, path, bytes, "overwrite");
        before = decodeUtf8(bytes);
      }
      await writeFileAtomic(path, args.content);
      await remember(ctx.files, path, args.content);
      const lines = args.content === "" ? 0 : splitLines(args.content).length;
      if (before === undefined) {
        return { forModel: `File created successfully at: ${path} (${lines} lines)`, forDisplay: { type: "create", filePath: path, content: args.content } };
      }
      return {
        forModel: `The file ${path} has been overwritten (${lines} lines).`,
        forDisplay: { type: "update", filePath: path, hunks: structuredDiff(before, args.content) },
      };
    }),
});
