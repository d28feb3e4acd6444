// The one place the engine reaches into tools/ for the Tool contract and its helpers,
// so what it takes from that face is visible at a glance.
export type { FileReadState, ModelContent, Todo, Tool, ToolContext, ToolResult, WrapCommand } from "../tools/index.ts";
export { builtinTools, createFileReadState, parseToolInput, stopBackgroundShells, todosOf, toolSchemas } from "../tools/index.ts";
