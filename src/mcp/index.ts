// The MCP domain's face: which servers a session starts (settings layers and .mcp.json,
// approval of the project's own), connecting to them over stdio, streamable HTTP or SSE,
// and their tools as keel Tools named `mcp__<server>__<tool>`. A leaf: config and tools below.
export { checkServerConfig, HttpServerConfig, McpServerConfig, type McpServerSpec, StdioServerConfig } from "./config.ts";
export { expandConfig, expandString, type Expanded } from "./expand.ts";
export { mcpServersFrom, type ServerSources, type SkippedServer } from "./sources.ts";
export {
  type ConnectOptions,
  connectMcpServers,
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_TOOL_TIMEOUT_MS,
  type McpConnection,
  type ServerStatus,
} from "./connect.ts";
export { MAX_TOOL_NAME, mcpToolName, sanitizeName } from "./names.ts";
export { DEFAULT_MAX_OUTPUT_CHARS, toToolResult } from "./result.ts";
export { openSessionMcp, type SessionMcpOptions } from "./session.ts";
