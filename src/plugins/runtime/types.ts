// What the runtime makes of a plugin on disk: one normalized shape for keel and Claude Code
// plugins alike, and the contributions a session takes from the enabled ones.
import type { HookDef } from "../../hooks/index.ts";
import type { Capability, HostTool, McpServerSpec, PluginManifest } from "../manifest.ts";

export interface LoadedPlugin {
  name: string;
  version: string;
  /** The directory holding the plugin (a store tree or a --plugin-dir). */
  root: string;
  format: "keel" | "claude";
  /** "installed" (lockfile) or "dir:<path>" (--plugin-dir). */
  origin: string;
  manifest: PluginManifest;
  /** The capabilities in force: approved at install (the lockfile's) for installed plugins, the manifest's for a --plugin-dir. */
  capabilities: Capability[];
  /** False when the plugin contributes nothing: its flag is off, its tree changed, its manifest is bad. */
  enabled: boolean;
  /** Why it is disabled, for `keel plugin list` and the one notice at start-up. */
  disabled?: string;
  /** Contribution files that could not be read (the rest still loads). */
  problems: string[];
  contributions: PluginContributions;
}

export interface PluginCommand {
  plugin: string;
  name: string;
  description: string;
  argumentHint?: string;
  /** Claude Code's `allowed-tools`: permission rules (`Bash(git add:*)`) granted while the command runs. */
  allowedTools?: string[];
  /** The prompt, `$ARGUMENTS` not yet filled in. */
  body: string;
  file: string;
}

export interface PluginAgent {
  plugin: string;
  name: string;
  description: string;
  prompt: string;
  /** Tool names the sub-agent may use; absent: the session's tools. */
  tools?: string[];
  model?: string;
  file: string;
}

export interface PluginSkill {
  plugin: string;
  name: string;
  description: string;
  /** Absolute path of SKILL.md: the model reads it when the skill fits. */
  path: string;
}

export type PluginSection =
  | { plugin: string; id: string; kind: "static"; priority: string; text: string }
  | { plugin: string; id: string; kind: "dynamic"; priority: string; call: string };

export interface PluginMcpServer {
  /** Namespaced server name: `<plugin>_<server>` (tools become mcp__<name>__<tool>). */
  name: string;
  config: { command: string; args: string[]; env: Record<string, string> } | { type: "http" | "sse"; url: string; headers: Record<string, string> };
  source: string;
  pluginRoot: string;
}

export interface PluginHostTool {
  plugin: string;
  /** The model-facing name: plugin__<plugin>__<tool>. */
  qualified: string;
  tool: HostTool;
}

export interface PluginWidget {
  plugin: string;
  id: string;
  slot: "companion" | "status";
}

export interface PluginContributions {
  commands: PluginCommand[];
  agents: PluginAgent[];
  skills: PluginSkill[];
  hooks: HookDef[];
  sections: PluginSection[];
  mcpServers: PluginMcpServer[];
  hostTools: PluginHostTool[];
  widgets: PluginWidget[];
  /** Absolute paths of host modules, in manifest order. */
  hostModules: string[];
}

export const emptyContributions = (): PluginContributions => ({ commands: [], agents: [], skills: [], hooks: [], sections: [], mcpServers: [], hostTools: [], widgets: [], hostModules: [] });

export type { McpServerSpec };
