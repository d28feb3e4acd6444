// A Claude Code plugin (`.claude-plugin/plugin.json`, only `name` required) mapped into
// keel's manifest: commands/, agents/ and skills/ found by convention at the plugin root,
// hooks/hooks.json and .mcp.json read as Claude Code reads them. Nothing in it runs in a
// plugin host, so it declares the capabilities its parts imply.
import { existsSync, readdirSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { z } from "zod";
import { type Capability, PluginManifest, PluginName, SEMVER } from "../manifest.ts";

const pathOrPaths = z.union([z.string(), z.array(z.string())]);

/** Claude Code's plugin.json: fields keel does not use are allowed and ignored. */
export const ClaudePluginJson = z.looseObject({
  name: PluginName,
  version: z.string().optional(),
  description: z.string().optional(),
  author: z.union([z.string(), z.looseObject({ name: z.string().optional() })]).optional(),
  commands: pathOrPaths.optional(),
  agents: pathOrPaths.optional(),
  hooks: z.union([z.string(), z.record(z.string(), z.unknown())]).optional(),
  mcpServers: z.union([z.string(), z.record(z.string(), z.unknown())]).optional(),
});
export type ClaudePluginJson = z.infer<typeof ClaudePluginJson>;

/** Names keel can turn into `/name` and tool names; other files are left alone. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const strip = (p: string) => p.replace(/^\.\//, "").replace(/\/$/, "");
const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).map(strip);

function markdownIn(root: string, dir: string): { name: string; file: string }[] {
  const abs = join(root, dir);
  if (!existsSync(abs)) return [];
  if (statSync(abs).isFile()) return dir.endsWith(".md") ? [{ name: basename(dir, ".md"), file: dir }] : [];
  return readdirSync(abs)
    .filter((f) => f.endsWith(".md") && NAME.test(basename(f, ".md")))
    .sort()
    .map((f) => ({ name: basename(f, ".md"), file: `${dir}/${f}` }));
}

function skillsIn(root: string): { name: string; file: string }[] {
  const abs = join(root, "skills");
  if (!existsSync(abs)) return [];
  return readdirSync(abs)
    .sort()
    .filter((d) => NAME.test(d) && existsSync(join(abs, d, "SKILL.md")))
    .map((d) => ({ name: d, file: `skills/${d}/SKILL.md` }));
}

/** The keel manifest for a Claude Code plugin, plus the inline hooks / MCP servers plugin.json may carry. */
export function fromClaudePlugin(root: string, raw: ClaudePluginJson): { manifest: PluginManifest; inlineHooks?: Record<string, unknown>; mcpFile?: string; inlineMcp?: Record<string, unknown> } {
  const commands = [...markdownIn(root, "commands"), ...list(raw.commands).flatMap((d) => markdownIn(root, d))];
  const agents = [...markdownIn(root, "agents"), ...list(raw.agents).flatMap((d) => markdownIn(root, d))];
  const skills = skillsIn(root);
  const hooksFile = typeof raw.hooks === "string" ? strip(raw.hooks) : "hooks/hooks.json";
  const hasHooks = existsSync(join(root, hooksFile)) || typeof raw.hooks === "object";
  const mcpFile = typeof raw.mcpServers === "string" ? strip(raw.mcpServers) : existsSync(join(root, ".mcp.json")) ? ".mcp.json" : undefined;
  const hasMcp = mcpFile !== undefined || typeof raw.mcpServers === "object";
  const capabilities: Capability[] = ["read-files"];
  if (hasHooks) capabilities.push("run-commands");
  if (hasMcp) capabilities.push("mcp-server");
  if (commands.length || agents.length || skills.length) capabilities.push("prompt");
  const author = typeof raw.author === "string" ? raw.author : raw.author?.name;
  const publisher = (author ?? "claude").toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 64) || "claude";
  const dedupe = <T extends { name: string }>(xs: T[]) => [...new Map(xs.map((x) => [x.name, x])).values()];
  const manifest = PluginManifest.parse({
    name: raw.name,
    version: raw.version && SEMVER.test(raw.version) ? raw.version : "0.0.0",
    publisher: /^[a-z0-9]/.test(publisher) ? publisher : "claude",
    description: (raw.description ?? "").slice(0, 200),
    engine: "*",
    capabilities,
    contributes: {
      commands: dedupe(commands),
      agents: dedupe(agents),
      skills: dedupe(skills),
      ...(existsSync(join(root, hooksFile)) ? { hooks: [{ file: hooksFile }] } : { hooks: [] }),
    },
  });
  return {
    manifest,
    ...(typeof raw.hooks === "object" ? { inlineHooks: raw.hooks } : {}),
    ...(mcpFile ? { mcpFile } : {}),
    ...(typeof raw.mcpServers === "object" ? { inlineMcp: raw.mcpServers } : {}),
  };
}
