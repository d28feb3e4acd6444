// BashOutput: new output of a background shell since the last read, plus its status.
import { z } from "zod";
import description from "./bash-output.md" with { type: "text" };
import { shellById } from "./background-shells.ts";
import { HeadTail } from "./output-cap.ts";
import { ToolFailure, guarded } from "./result.ts";
import { defineTool } from "./tool.ts";

const input = z.strictObject({
  bash_id: z.string().describe("The ID of the background shell to read output from"),
  filter: z.string().optional().describe("Optional regular expression: only lines matching it are returned; non-matching lines are discarded"),
});

export const bashOutputTool = defineTool({
  name: "BashOutput",
  description,
  input,
  readOnly: true,
  run: (args, ctx) =>
    guarded(async () => {
      const shell = shellById(ctx.store, args.bash_id);
      let filter: RegExp | undefined;
      if (args.filter !== undefined) {
        try {
          filter = new RegExp(args.filter);
        } catch (e) {
          throw new ToolFailure(`filter is not a valid regular expression: ${(e as Error).message}`);
        }
      }
      const section = (name: string, read: { text: string; dropped: number }) => {
        let text = read.text;
        if (filter) text = text.split("\n").filter((l) => (filter as RegExp).test(l)).join("\n");
        const cap = new HeadTail(15_000, 15_000);
        cap.push(text.replace(/\n$/, ""));
        const lost = read.dropped ? `[${read.dropped} earlier characters were dropped before this read]\n` : "";
        return text || lost ? `<${name}>\n${lost}${cap.text()}\n</${name}>` : "";
      };
      const stdout = shell.stdout.take();
      const stderr = shell.stderr.take();
      const parts = [`<status>${shell.status}</status>`];
      if (shell.status !== "running" && shell.exitCode !== null) parts.push(`<exit_code>${shell.exitCode}</exit_code>`);
      parts.push(section("stdout", stdout), section("stderr", stderr));
      if (!stdout.text && !stderr.text) parts.push("(no new output)");
      return {
        forModel: parts.filter(Boolean).join("\n"),
        forDisplay: { shellId: shell.id, command: shell.command, status: shell.status, exitCode: shell.exitCode, stdout: stdout.text, stderr: stderr.text },
      };
    }),
});
