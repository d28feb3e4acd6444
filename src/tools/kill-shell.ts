// KillShell: stop a background shell's whole process tree.
import { z } from "zod";
import description from "./kill-shell.md" with { type: "text" };
import { shellById, waitForShells } from "./background-shells.ts";
import { ToolFailure, guarded } from "./result.ts";
import { defineTool } from "./tool.ts";

const input = z.strictObject({
  shell_id: z.string().describe("The ID of the background shell to kill"),
});

export const killShellTool = defineTool({
  name: "KillShell",
  description,
  input,
  readOnly: false,
  run: (args, ctx) =>
    guarded(async () => {
      const shell = shellById(ctx.store, args.shell_id);
      if (shell.status !== "running") throw new ToolFailure(`Shell ${shell.id} is not running (status: ${shell.status}).`);
      shell.status = "killed";
      shell.proc.killTree();
      await waitForShells([shell], 3000);
      return { forModel: `Successfully killed shell: ${shell.id} (${shell.command})`, forDisplay: { shellId: shell.id, command: shell.command } };
    }),
});
