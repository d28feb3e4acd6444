// Reads one plugin directory into a LoadedPlugin: the manifest (keel's plugin.json or Claude
// Code's .claude-plugin/plugin.json), then each contribution's files. A bad manifest disables
// the plugin with the file and field named; a missing contribution file is a problem of that
// part only, and the rest of the plugin still loads.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { readHooks } from "../../hooks/index.ts";
import { type Capability, manifestProblem, McpServerSpec, PLUGIN_NAME, PluginManifest } from "../manifest.ts";
import { ClaudePluginJson, fromClaudePlugin } from "./claude-format.ts";
import { metaList, metaString, parseMarkdown } from "./markdown.ts";
import { emptyContributions, type LoadedPlugin, type PluginContributions } from "./types.ts";

const KEEL_MANIFEST = "plugin.json";
const CLAUDE_MANIFEST = ".claude-plugin/plugin.json";

function readJson(file: string): unknown {
  const text = readFileSync(file, "utf8");
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not valid JSON (${(e as Error).message})`);
  }
}

/** A plugin that could not be read at all: listed, disabled, with the reason. */
function broken(root: string, origin: string, name: string, why: string): LoadedPlugin {
  const manifest = PluginManifest.parse({ name: PLUGIN_NAME.test(name) ? name : "unnamed", version: "0.0.0", publisher: "unknown", description: "", engine: "*" });
  return { name, version: "?", root, format: "keel", origin, manifest, capabilities: [], enabled: false, disabled: why, problems: [], contributions: emptyContributions() };
}

/**
 * `approved`: the capabilities the person agreed to at install (the lockfile's); absent (a
 * --plugin-dir), the manifest's own. Parts needing a capability outside it are left out.
 */
export function loadPluginDir(root: string, origin: string, approved?: readonly Capability[]): LoadedPlugin {
  const dirName = root.split("/").filter(Boolean).at(-1) ?? root;
  const keelFile = join(root, KEEL_MANIFEST);
  const claudeFile = join(root, CLAUDE_MANIFEST);
  try {
    if (existsSync(keelFile)) {
      const r = PluginManifest.safeParse(readJson(keelFile));
      if (!r.success) return broken(root, origin, dirName, manifestProblem(keelFile, r.error));
      return withContributions(root, origin, "keel", r.data, {}, approved);
    }
    if (existsSync(claudeFile)) {
      const r = ClaudePluginJson.safeParse(readJson(claudeFile));
      if (!r.success) return broken(root, origin, dirName, manifestProblem(claudeFile, r.error));
      const { manifest, ...extra } = fromClaudePlugin(root, r.data);
      return withContributions(root, origin, "claude", manifest, extra, approved);
    }
  } catch (e) {
    return broken(root, origin, dirName, (e as Error).message);
  }
  return broken(root, origin, dirName, `${root}: no ${KEEL_MANIFEST} or ${CLAUDE_MANIFEST}`);
}

interface Extra {
  inlineHooks?: Record<string, unknown>;
  mcpFile?: string;
  inlineMcp?: Record<string, unknown>;
}

const substitute = (s: string, root: string) => s.replaceAll("${CLAUDE_PLUGIN_ROOT}", root).replaceAll("${KEEL_PLUGIN_ROOT}", root);

function withContributions(root: string, origin: string, format: "keel" | "claude", manifest: PluginManifest, extra: Extra, approved?: readonly Capability[]): LoadedPlugin {
  const c: PluginContributions = emptyContributions();
  const problems: string[] = [];
  const p = manifest.name;
  const c0 = manifest.contributes;
  const read = (rel: string, field: string): string | undefined => {
    const file = join(root, rel);
    try {
      return readFileSync(file, "utf8");
    } catch {
      problems.push(`${field}: ${file} cannot be read`);
      return undefined;
    }
  };

  c0.commands.forEach((cmd, i) => {
    const text = read(cmd.file, `contributes.commands[${i}].file`);
    if (text === undefined) return;
    const doc = parseMarkdown(text);
    const hint = metaString(doc.meta, "argument-hint");
    const allowed = metaList(doc.meta, "allowed-tools");
    c.commands.push({
      plugin: p,
      name: cmd.name,
      description: metaString(doc.meta, "description") ?? doc.body.split("\n")[0]?.slice(0, 80) ?? "",
      ...(hint ? { argumentHint: hint } : {}),
      ...(allowed?.length ? { allowedTools: allowed } : {}),
      body: doc.body,
      file: join(root, cmd.file),
    });
  });
  c0.agents.forEach((a, i) => {
    const text = read(a.file, `contributes.agents[${i}].file`);
    if (text === undefined) return;
    const doc = parseMarkdown(text);
    const tools = metaList(doc.meta, "tools");
    const model = metaString(doc.meta, "model");
    c.agents.push({ plugin: p, name: metaString(doc.meta, "name") ?? a.name, description: metaString(doc.meta, "description") ?? "", prompt: doc.body, ...(tools ? { tools } : {}), ...(model && model !== "inherit" ? { model } : {}), file: join(root, a.file) });
  });
  c0.skills.forEach((s, i) => {
    const text = read(s.file, `contributes.skills[${i}].file`);
    if (text === undefined) return;
    const doc = parseMarkdown(text);
    c.skills.push({ plugin: p, name: metaString(doc.meta, "name") ?? s.name, description: metaString(doc.meta, "description") ?? "", path: join(root, s.file) });
  });

  // hooks.json: Claude Code's `{ "hooks": { Event: [...] } }` (a bare event map is accepted too).
  const hookFiles = c0.hooks ?? (existsSync(join(root, "hooks/hooks.json")) ? [{ file: "hooks/hooks.json" }] : []);
  const addHooks = (section: unknown, where: string) => {
    const r = readHooks(section, `plugin ${p}`, root);
    c.hooks.push(...r.defs);
    problems.push(...r.problems.map((x) => `${where}: ${x.message}`));
  };
  hookFiles.forEach((h, i) => {
    const text = read(h.file, `contributes.hooks[${i}].file`);
    if (text === undefined) return;
    try {
      const json = JSON.parse(text) as Record<string, unknown>;
      addHooks(json && typeof json.hooks === "object" ? json.hooks : json, join(root, h.file));
    } catch (e) {
      problems.push(`contributes.hooks[${i}].file: ${join(root, h.file)} is not valid JSON (${(e as Error).message})`);
    }
  });
  if (extra.inlineHooks) addHooks(typeof extra.inlineHooks.hooks === "object" ? extra.inlineHooks.hooks : extra.inlineHooks, join(root, CLAUDE_MANIFEST));

  // MCP servers: the manifest's, or Claude Code's .mcp.json / inline mcpServers.
  const servers: [string, unknown, string][] = Object.entries(c0.mcpServers).map(([k, v]) => [k, v, `contributes.mcpServers.${k}`]);
  if (extra.mcpFile) {
    const text = read(extra.mcpFile, "mcpServers");
    if (text !== undefined) {
      try {
        const json = JSON.parse(text) as Record<string, unknown>;
        const map = (json.mcpServers ?? json) as Record<string, unknown>;
        for (const [k, v] of Object.entries(map)) servers.push([k, v, `${join(root, extra.mcpFile)}: mcpServers.${k}`]);
      } catch (e) {
        problems.push(`${join(root, extra.mcpFile)}: not valid JSON (${(e as Error).message})`);
      }
    }
  }
  for (const [k, v] of Object.entries(extra.inlineMcp ?? {})) servers.push([k, v, `${join(root, CLAUDE_MANIFEST)}: mcpServers.${k}`]);
  for (const [key, raw, where] of servers) {
    const r = McpServerSpec.safeParse(raw);
    if (!r.success) {
      problems.push(`${where}: ${r.error.issues[0]?.message ?? "invalid"}`);
      continue;
    }
    const s = r.data;
    const config =
      "command" in s
        ? { command: substitute(s.command, root), args: s.args.map((a) => substitute(a, root)), env: Object.fromEntries(Object.entries(s.env).map(([k, v]) => [k, substitute(v, root)])) }
        : { type: s.type, url: substitute(s.url, root), headers: s.headers };
    c.mcpServers.push({ name: `${p}_${key}`, config, source: `plugin ${p}`, pluginRoot: root });
  }

  c.hostModules = c0.hostModules.map((m) => join(root, m.path));
  for (const m of c0.hostModules) {
    if (!existsSync(join(root, m.path))) problems.push(`contributes.hostModules: ${join(root, m.path)} does not exist`);
    for (const tool of m.tools) c.hostTools.push({ plugin: p, qualified: `plugin__${p}__${tool.name}`, tool });
  }
  c.widgets = c0.widgets.map((w) => ({ plugin: p, id: w.id, slot: w.slot }));
  if (c.widgets.length && !c.hostModules.length) problems.push("contributes.widgets: needs a host module (contributes.hostModules) to draw them");

  c0.promptSections.forEach((s, i) => {
    if (s.file !== undefined) {
      const text = read(s.file, `contributes.promptSections[${i}].file`);
      if (text?.trim()) c.sections.push({ plugin: p, id: s.id, kind: "static", priority: s.priority, text: text.trim() });
    } else if (s.call !== undefined) {
      if (!c.hostModules.length) problems.push(`contributes.promptSections[${i}].call: needs a host module (contributes.hostModules)`);
      else c.sections.push({ plugin: p, id: s.id, kind: "dynamic", priority: s.priority, call: s.call });
    }
  });

  const capabilities = [...(approved ?? manifest.capabilities)];
  withinCapabilities(c, capabilities, problems);
  return { name: p, version: manifest.version, root, format, origin, manifest, capabilities, enabled: true, problems, contributions: c };
}

/** A plugin may only do what it declared (and, installed, what was approved): the rest is dropped, and said. */
function withinCapabilities(c: PluginContributions, caps: readonly Capability[], problems: string[]): void {
  const has = (cap: Capability) => caps.includes(cap);
  const drop = (part: string, cap: Capability) => problems.push(`${part}: left out, it needs the "${cap}" capability, which the plugin does not declare`);
  const need = <T>(list: T[], part: string, cap: Capability, keep: (x: T) => boolean = () => false): T[] => {
    if (has(cap)) return list;
    const kept = list.filter(keep);
    if (kept.length < list.length) drop(part, cap);
    return kept;
  };
  c.commands = need(c.commands, "contributes.commands", "prompt");
  c.agents = need(c.agents, "contributes.agents", "prompt");
  c.skills = need(c.skills, "contributes.skills", "prompt");
  c.sections = need(c.sections, "contributes.promptSections", "prompt");
  c.widgets = need(c.widgets, "contributes.widgets", "ui");
  c.mcpServers = need(c.mcpServers, "contributes.mcpServers", "mcp-server");
  c.hooks = need(c.hooks, "hooks (command)", "run-commands", (d) => d.kind !== "command");
  c.hooks = need(c.hooks, "hooks (http)", "network", (d) => d.kind !== "http");
}
