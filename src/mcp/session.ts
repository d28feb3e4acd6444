// What a session front end calls: the servers settings and .mcp.json name (plus any a
// plugin contributes), the problems and unapproved project servers said once, then one
// parallel connect. The caller closes the connection when the session ends.
import type { LoadedSettings } from "../config/index.ts";
import type { McpServerSpec } from "./config.ts";
import { type ConnectOptions, connectMcpServers, type McpConnection } from "./connect.ts";
import { mcpServersFrom } from "./sources.ts";

export interface SessionMcpOptions extends ConnectOptions {
  /** Servers from elsewhere (plugins), started after the settings' own. */
  extra?: readonly McpServerSpec[];
}

export async function openSessionMcp(loaded: Pick<LoadedSettings, "layers">, projectRoot: string, o: SessionMcpOptions = {}): Promise<McpConnection> {
  const { specs, problems, skipped } = mcpServersFrom(loaded, projectRoot);
  const notify = o.notify ?? (() => {});
  for (const p of problems) notify(p);
  for (const s of skipped) if (s.kind === "unapproved") notify(`MCP server "${s.name}" (${s.source}) not started: ${s.reason}`);
  const taken = new Set(specs.map((s) => s.name));
  const extra = (o.extra ?? []).filter((s) => {
    if (!taken.has(s.name)) {
      taken.add(s.name);
      return true;
    }
    notify(`MCP server "${s.name}" (${s.source}) not started: a server of that name is already configured`);
    return false;
  });
  return connectMcpServers([...specs, ...extra], o);
}
