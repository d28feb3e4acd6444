// What the MCP tests import from src: the mcp face and the few neighbours they compose with.
export * from "../../src/mcp/index.ts";
export type { Tool, ToolContext } from "../../src/tools/index.ts";
export { createFileReadState, parseToolInput, toolSchemas } from "../../src/tools/index.ts";
