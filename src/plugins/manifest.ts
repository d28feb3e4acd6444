// The plugin manifest: what a plugin is, who publishes it, what it may do and what it contributes.
// Parsed with zod wherever a manifest crosses a boundary (registry target custom data, plugin dir on disk).
import { z } from "zod";

const name = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "lowercase letters, digits and dashes");
const semver = z.string().regex(/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/, "a semantic version like 1.2.3");

/** What a plugin can do once installed; shown to the user before install and on capability-widening updates. */
export const Capability = z.enum(["read-files", "write-files", "run-commands", "network", "mcp-server", "prompt", "ui"]);

const relPath = z.string().refine((p) => !p.startsWith("/") && !p.split("/").includes(".."), "a relative path inside the plugin");

export const Contributions = z
  .object({
    mcpServers: z.record(z.string(), z.object({ command: z.string(), args: z.array(z.string()).default([]) })).default({}),
    hostModules: z.array(relPath).default([]),
    hooks: z.array(z.object({ event: z.string(), file: relPath })).default([]),
    commands: z.array(z.object({ name: z.string(), file: relPath })).default([]),
    agents: z.array(z.object({ name: z.string(), file: relPath })).default([]),
    skills: z.array(z.object({ name: z.string(), file: relPath })).default([]),
    promptSections: z.array(z.object({ id: z.string(), file: relPath })).default([]),
    widgets: z.array(z.object({ id: z.string(), file: relPath })).default([]),
  })
  .strict();

export const PluginManifest = z
  .object({
    name,
    version: semver,
    publisher: name,
    description: z.string().max(200),
    engine: z.string().min(1),
    flag: z.string().optional(),
    capabilities: z.array(Capability).default([]),
    contributes: Contributions.default(() => Contributions.parse({})),
  })
  .strict();

export type PluginManifest = z.infer<typeof PluginManifest>;
