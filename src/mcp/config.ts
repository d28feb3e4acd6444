// What one MCP server entry looks like, in Claude Code's `.mcp.json` / `mcpServers` shape,
// and the spec a caller (settings, a plugin) hands to connectMcpServers.
import { z } from "zod";
import type { WrapCommand } from "../tools/index.ts";

const StringMap = z.record(z.string(), z.string());

export const StdioServerConfig = z.looseObject({
  type: z.literal("stdio").optional(),
  command: z.string().min(1, "command cannot be empty"),
  args: z.array(z.string()).optional(),
  env: StringMap.optional(),
  cwd: z.string().min(1).optional(),
});

// The url is checked after ${VAR} expansion, so `"${API}/mcp"` is a fine value here.
export const HttpServerConfig = z.looseObject({
  type: z.enum(["http", "sse"]),
  url: z.string().min(1, "url cannot be empty"),
  headers: StringMap.optional(),
});

export const McpServerConfig = z.union([StdioServerConfig, HttpServerConfig]);
export type McpServerConfig = z.infer<typeof McpServerConfig>;
export type StdioServerConfig = z.infer<typeof StdioServerConfig>;
export type HttpServerConfig = z.infer<typeof HttpServerConfig>;

export const isStdio = (c: McpServerConfig): c is StdioServerConfig => c.type === undefined || c.type === "stdio";

export interface McpServerSpec {
  /** The server's name as configured; tools become `mcp__<name>__<tool>` (sanitised). */
  name: string;
  /** Raw config: `${VAR}` / `${VAR:-default}` / `${CLAUDE_PLUGIN_ROOT}` are expanded at connect time. */
  config: McpServerConfig;
  /** Where it came from, for messages: a file path or `plugin <name>`. */
  source: string;
  /** A plugin's root: `${CLAUDE_PLUGIN_ROOT}`, the stdio default cwd and the child's CLAUDE_PLUGIN_ROOT. */
  pluginRoot?: string;
  /** Rewrites this server's argv (e.g. into the sandbox); wins over connectMcpServers' wrapCommand. */
  wrapCommand?: WrapCommand;
}

/** One problem per line, naming the file and the field. */
export function checkServerConfig(raw: unknown, where: string): { ok: true; config: McpServerConfig } | { ok: false; problem: string } {
  const r = McpServerConfig.safeParse(raw);
  if (r.success) return { ok: true, config: r.data };
  // A union's issues are per branch; say what each shape expected.
  const kind = raw && typeof raw === "object" && "type" in raw ? (raw as { type: unknown }).type : undefined;
  const branch = kind === "http" || kind === "sse" ? HttpServerConfig : StdioServerConfig;
  const issues = branch.safeParse(raw).error?.issues ?? r.error.issues;
  const detail = issues.map((i) => `${i.path.length ? `${i.path.join(".")}: ` : ""}${i.message}`).join("; ");
  return { ok: false, problem: `${where}: ${detail} (expected { command, args?, env?, cwd? } or { type: "http" | "sse", url, headers? })` };
}
