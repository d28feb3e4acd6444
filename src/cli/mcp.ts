// `keel mcp list [--json]`: every MCP server settings, .mcp.json and plugins name, started once to
// see whether it answers and what it serves, then stopped; the project servers not
// started, with why and how to start them. Exit 1 when a configured server fails.
import { connectMcpServers, mcpServersFrom } from "../mcp/index.ts";
import { paint, printJson, printLine } from "./output.ts";
import { openPlugins } from "./plugin-host.ts";
import { processSettings } from "./settings-context.ts";

export async function mcpList(opts: { json?: boolean }): Promise<void> {
  const loaded = await processSettings();
  const { specs, problems, skipped } = mcpServersFrom(loaded, loaded.paths.projectRoot);
  // Plugins' servers too, as a session would start them (after the settings' own).
  const plugins = await openPlugins({ notify: (line) => problems.push(line) });
  const taken = new Set(specs.map((s) => s.name));
  for (const m of plugins.contributions().mcpServers) {
    if (taken.has(m.name)) skipped.push({ name: m.name, source: m.source, kind: "overridden", reason: "a server of that name is already configured" });
    else specs.push({ name: m.name, config: m.config, source: m.source, pluginRoot: m.pluginRoot });
  }
  await plugins.close();
  const conn = await connectMcpServers(specs, { cwd: process.cwd() });
  const descriptions = new Map(conn.tools.map((t) => [t.name, t.description]));
  await conn.close();
  const servers = conn.servers.map(({ pid: _pid, tools, ...s }) => ({
    ...s,
    tools: tools.map((name) => ({ name, description: descriptions.get(name) ?? "" })),
  }));
  if (conn.servers.some((s) => s.status === "failed")) process.exitCode = 1;
  if (opts.json) return printJson({ servers, skipped, problems });

  if (servers.length === 0 && skipped.length === 0 && problems.length === 0) printLine(paint.dim("no MCP servers configured (.mcp.json, or mcpServers in a settings file)"));
  for (const s of servers) {
    const state = s.status === "connected" ? paint.green("connected") : paint.red("failed");
    printLine(`${paint.bold(s.name)}  ${s.transport}  ${state}  ${s.status === "connected" ? `${s.toolCount} tools` : s.error}  ${paint.dim(`— ${s.source}`)}`);
    for (const t of s.tools) printLine(`  ${paint.cyan(t.name)}  ${paint.dim(firstLine(t.description))}`);
  }
  for (const s of skipped) printLine(`${paint.bold(s.name)}  ${paint.yellow("not started")}  ${s.reason}  ${paint.dim(`— ${s.source}`)}`);
  const approve = approveCommand(loaded.layers, skipped);
  if (approve) printLine(`to approve ${approve.names.length === 1 ? "it" : "them"} for this project only: ${approve.command}`);
  for (const p of problems) printLine(paint.yellow(`problem: ${p}`));
}

/**
 * The one command that approves every unapproved project server in .keel/settings.local.json:
 * `config set` replaces the local layer's list, so the names already there are kept.
 */
export function approveCommand(layers: readonly { name: string; values: Record<string, unknown> }[], skipped: readonly { name: string; kind: string }[]): { names: string[]; command: string } | undefined {
  const names = skipped.filter((s) => s.kind === "unapproved").map((s) => s.name);
  if (names.length === 0) return undefined;
  const local = layers.find((l) => l.name === "local")?.values.enabledMcpjsonServers;
  const list = [...new Set([...(Array.isArray(local) ? local.map(String) : []), ...names])];
  return { names, command: `keel config set enabledMcpjsonServers '${JSON.stringify(list)}' --scope local` };
}

const firstLine = (s: string) => {
  const line = s.split("\n")[0] ?? "";
  return line.length > 100 ? `${line.slice(0, 99)}…` : line;
};
