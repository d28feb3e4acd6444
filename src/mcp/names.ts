// Tool names as Claude Code forms them: `mcp__<server>__<tool>`, each part with every
// character outside [A-Za-z0-9_-] replaced by `_`, so rules users already wrote match.

/** The Anthropic API refuses a whole request whose tool names exceed this. */
export const MAX_TOOL_NAME = 64;

export const sanitizeName = (s: string): string => s.replace(/[^A-Za-z0-9_-]/g, "_");

export const mcpToolName = (server: string, tool: string): string => `mcp__${sanitizeName(server)}__${sanitizeName(tool)}`;

