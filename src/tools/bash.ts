// Bash: run a command in the session cwd as a real child process group; capped
// output, exit code, timeout and interrupt that kill the whole tree; or start it in
// the background and hand back an id for BashOutput / KillShell.
import { z } from "zod";
import description from "./bash.md" with { type: "text" };
import { startBackground } from "./background-shells.ts";
import { HeadTail } from "./output-cap.ts";
import { ToolFailure, guarded } from "./result.ts";
import { spawnShell } from "./shell-process.ts";
import { defineTool, type ToolContext, type ToolResult } from "./tool.ts";

export const BASH_LIMITS = { defaultTimeoutMs: 120_000, maxTimeoutMs: 600_000, outputHead: 15_000, outputTail: 15_000 };

const input = z.strictObject({
  command: z.string().describe("The command to execute"),
  timeout: z.int().min(1).max(BASH_LIMITS.maxTimeoutMs).optional().describe(`Optional timeout in milliseconds (max ${BASH_LIMITS.maxTimeoutMs})`),
  description: z.string().optional().describe("Clear, concise description of what this command does in 5-10 words"),
  run_in_background: z.boolean().optional().describe("Set to true to run this command in the background. Use BashOutput to read the output later."),
});

export const bashTool = defineTool({
  name: "Bash",
  description,
  input,
  readOnly: false,
  run: (args, ctx) =>
    guarded(async () => {
      if (args.command.includes("\0")) throw new ToolFailure("command contains a NUL byte.");
      if (args.command.trim() === "") throw new ToolFailure("command is empty.");
      if (ctx.signal.aborted) throw new ToolFailure("Command not run: the turn was interrupted.");
      if (args.run_in_background) {
        const shell = await startBackground(args.command, args.description, ctx);
        return {
          forModel: `Command running in background with ID: ${shell.id}. Read its output with BashOutput (bash_id "${shell.id}"); stop it with KillShell.`,
          forDisplay: { type: "background", shellId: shell.id, command: args.command, description: args.description },
        };
      }
      return runForeground(args.command, args.timeout ?? BASH_LIMITS.defaultTimeoutMs, args.description, ctx);
    }),
});

async function runForeground(command: string, timeoutMs: number, description: string | undefined, ctx: ToolContext): Promise<ToolResult> {
  const cap = () => new HeadTail(BASH_LIMITS.outputHead, BASH_LIMITS.outputTail);
  const all = cap();
  const streams = { stdout: cap(), stderr: cap() };
  const proc = await spawnShell(command, {
    cwd: ctx.cwd,
    wrap: ctx.wrapCommand,
    onOutput: (s, text) => {
      all.push(text);
      streams[s].push(text);
    },
  });
  let timedOut = false;
  let interrupted = false;
  const timer = setTimeout(() => {
    timedOut = true;
    proc.killTree();
  }, timeoutMs);
  const onAbort = () => {
    interrupted = true;
    proc.killTree();
  };
  ctx.signal.addEventListener("abort", onAbort, { once: true });
  const exit = await proc.exited.finally(() => {
    clearTimeout(timer);
    ctx.signal.removeEventListener("abort", onAbort);
  });
  if (exit.error) throw new ToolFailure(`Could not start bash in ${ctx.cwd}: ${exit.error}`);

  const notes: string[] = [];
  if (timedOut) notes.push(`Command timed out after ${timeoutMs} ms and was killed.`);
  else if (interrupted) notes.push("Command was interrupted by the user and killed.");
  else if (exit.signal) notes.push(`Command was killed by ${exit.signal}.`);
  if (exit.code !== null && exit.code !== 0) notes.push(`Exit code ${exit.code}`);
  const output = all.text().replace(/\n$/, "");
  const text = [output || (notes.length ? "" : "(no output)"), ...notes].filter(Boolean).join("\n");
  return {
    forModel: text,
    forDisplay: { type: "foreground", command, description, stdout: streams.stdout.text(), stderr: streams.stderr.text(), exitCode: exit.code, signal: exit.signal, timedOut, interrupted },
    isError: timedOut || interrupted || exit.code !== 0,
  };
}
