// The plugin manifest: what a plugin is, who publishes it, what it may do and what it contributes.
// Parsed with zod wherever a manifest crosses a boundary (registry target custom data, plugin dir on disk);
// `manifestProblem` turns a zod error into one line naming the file and the field.
import { z } from "zod";

/** A plugin's (or marketplace's) name: kebab-case, as Claude Code's plugin.json has it. */
export const PLUGIN_NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;
export const PluginName = z.string().regex(PLUGIN_NAME, "lowercase letters, digits and dashes");
export const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;
export const SemVer = z.string().regex(SEMVER, "a semantic version like 1.2.3");

/**
 * What a plugin can do once installed; shown to the user before install and on capability-widening
 * updates. The runtime holds plugins to them: prompt (commands, agents, skills, prompt sections),
 * ui (widgets), mcp-server, run-commands (command hooks), network (http hooks; the host's network),
 * write-files (the host may write the project). A part needing an undeclared one is left out.
 */
export const Capability = z.enum(["read-files", "write-files", "run-commands", "network", "mcp-server", "prompt", "ui"]);
export type Capability = z.infer<typeof Capability>;

const relPath = z
  .string()
  .min(1, "a relative path inside the plugin")
  .refine((p) => !p.startsWith("/") && !p.split(/[\\/]/).includes(".."), "a relative path inside the plugin");

/** Command and tool names end up in `/name` and in tool names sent to the model: keep them plain. */
const itemName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, "letters, digits, '_' or '-'");

/** An MCP server the plugin runs (stdio) or points at (HTTP); `${CLAUDE_PLUGIN_ROOT}` is substituted at load. */
export const McpServerSpec = z.union([
  z.strictObject({
    type: z.literal("stdio").optional(),
    command: z.string().min(1),
    args: z.array(z.string()).default([]),
    env: z.record(z.string(), z.string()).default({}),
  }),
  z.strictObject({
    type: z.enum(["http", "sse"]),
    // Checked after ${VAR} expansion when the server connects (src/mcp).
    url: z.string().min(1),
    headers: z.record(z.string(), z.string()).default({}),
  }),
]);
export type McpServerSpec = z.infer<typeof McpServerSpec>;

/** A tool a host module serves. Declared here so the toolset is known without starting the host. */
export const HostTool = z.strictObject({
  name: itemName,
  description: z.string().min(1),
  /** JSON Schema of the input (an object schema); absent: no parameters. */
  inputSchema: z.record(z.string(), z.unknown()).default({ type: "object", properties: {} }),
  readOnly: z.boolean().default(false),
});
export type HostTool = z.infer<typeof HostTool>;

/** An ES module (.js or .ts) run in the plugin host; a bare string is a module with no declared tools. */
export const HostModule = z.union([relPath.transform((path) => ({ path, tools: [] as HostTool[] })), z.strictObject({ path: relPath, tools: z.array(HostTool).default([]) })]);
export type HostModule = z.infer<typeof HostModule>;

const fileItem = z.strictObject({ name: itemName, file: relPath });

/** Static: the markdown file's text in the cached half. Dynamic: a host-module `calls` entry rendered at session start. */
export const PromptSectionSpec = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, "lowercase letters, digits, '.', '_' or '-'"),
    file: relPath.optional(),
    call: z.string().min(1).optional(),
    priority: z.enum(["required", "critical", "high", "normal", "low", "optional"]).default("normal"),
  })
  .refine((s) => (s.file === undefined) !== (s.call === undefined), { message: "give exactly one of file (static) or call (dynamic)" });
export type PromptSectionSpec = z.infer<typeof PromptSectionSpec>;

/** A widget drawn by a host module's `widgets[id]`: the companion slot beside the prompt, or a piece of the status line. */
export const WidgetSpec = z.strictObject({
  id: itemName,
  slot: z.enum(["companion", "status"]),
  /** The host module exporting it; default: the plugin's first host module. */
  module: relPath.optional(),
});
export type WidgetSpec = z.infer<typeof WidgetSpec>;

export const Contributions = z.strictObject({
  mcpServers: z.record(z.string().regex(/^[A-Za-z0-9_-]+$/, "letters, digits, '_' or '-'"), McpServerSpec).default({}),
  hostModules: z.array(HostModule).default([]),
  /** hooks.json files in Claude Code's shape; absent: hooks/hooks.json when the plugin has one. */
  hooks: z.array(z.strictObject({ file: relPath })).optional(),
  /** Markdown with frontmatter (description, argument-hint); the body is the prompt, `$ARGUMENTS` filled in. */
  commands: z.array(fileItem).default([]),
  /** Markdown with frontmatter (name, description, tools, model); the body is the sub-agent's prompt. */
  agents: z.array(fileItem).default([]),
  /** `skills/<name>/SKILL.md` files with frontmatter (name, description). */
  skills: z.array(fileItem).default([]),
  promptSections: z.array(PromptSectionSpec).default([]),
  widgets: z.array(WidgetSpec).default([]),
});
export type Contributions = z.infer<typeof Contributions>;

export const PluginManifest = z.strictObject({
  name: PluginName,
  version: SemVer,
  publisher: PluginName,
  description: z.string().max(200),
  engine: z.string().min(1),
  /** A feature flag (flags/features.json) that must be on for the plugin to contribute anything. */
  flag: z.string().optional(),
  capabilities: z.array(Capability).default([]),
  contributes: Contributions.default(() => Contributions.parse({})),
});
export type PluginManifest = z.infer<typeof PluginManifest>;

/** `contributes.hooks[0].file: a relative path inside the plugin` — the first issue, field path and all. */
export function issuePath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i ? `.${String(p)}` : String(p))).join("");
}

type Issue = z.core.$ZodIssue;

/** A union's "Invalid input" says nothing: follow the branch that got furthest (deepest path, fewest issues). */
function explain(issue: Issue): { path: PropertyKey[]; message: string } {
  if (issue.code !== "invalid_union" || !issue.errors.length) return { path: [...issue.path], message: issue.message };
  const best = [...issue.errors].sort((a, b) => (b[0]?.path.length ?? 0) - (a[0]?.path.length ?? 0) || a.length - b.length)[0] as Issue[];
  const inner = best[0] ? explain(best[0]) : { path: [], message: issue.message };
  return { path: [...issue.path, ...inner.path], message: inner.message };
}

export function manifestProblem(file: string, error: z.ZodError): string {
  const first = error.issues[0];
  if (!first) return `${file}: invalid manifest`;
  const issue = explain(first);
  const field = issuePath(issue.path);
  // The other problems by field, so one run names everything to fix (messages stay with the first).
  const others = [...new Set(error.issues.slice(1).map((i) => issuePath(explain(i).path) || "(the manifest)"))];
  const more = others.length ? ` (also: ${others.slice(0, 6).join(", ")}${others.length > 6 ? ", …" : ""})` : "";
  return `${file}: ${field ? `${field}: ` : ""}${issue.message.replace(/^Invalid input: /, "")}${more}`;
}
