// The tools domain's face: the built-in tools in a stable order (tool order is part
// of the cached prompt prefix), their API schemas, input parsing, and the per-session
// state they need (file read state, background shells).
import { bashOutputTool } from "./bash-output.ts";
import { bashTool } from "./bash.ts";
import { editTool } from "./edit.ts";
import { globTool } from "./glob.ts";
import { grepTool } from "./grep.ts";
import { killShellTool } from "./kill-shell.ts";
import { lsTool } from "./ls.ts";
import { multiEditTool } from "./multi-edit.ts";
import { readTool } from "./read.ts";
import type { Tool } from "./tool.ts";
import { todoWriteTool } from "./todo-write.ts";
import { writeTool } from "./write.ts";

export type { FileReadState, ModelContent, Tool, ToolContext, ToolResult, WrapCommand } from "./tool.ts";
export { defineTool } from "./tool.ts";
export { createFileReadState } from "./file-state.ts";
export { parseToolInput, toolSchemas, type Parsed, type ToolSchema } from "./schema.ts";
export { stopBackgroundShells } from "./background-shells.ts";
export { todosOf, type Todo } from "./todo-write.ts";
export { ToolFailure } from "./result.ts";
export { keepHeadAndTail } from "./output-cap.ts";

/** Built-in tools in Claude Code's order; the engine appends its own (Task) and plugin tools after these. */
export function builtinTools(): Tool[] {
  return [bashTool, globTool, grepTool, lsTool, readTool, editTool, multiEditTool, writeTool, todoWriteTool, bashOutputTool, killShellTool] as Tool[];
}
export { type Hunk, structuredDiff } from "./diff.ts";
export { type ShellExit, type ShellProcess, spawnShell } from "./shell-process.ts";
export { summarizeInput } from "./summary.ts";
export { BASH_LIMITS } from "./bash.ts";
export { GREP_LIMITS } from "./grep.ts";
export { READ_LIMITS } from "./read.ts";
