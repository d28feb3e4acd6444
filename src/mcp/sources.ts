// Which MCP servers a session starts, from every settings layer's `mcpServers` and the
// project's `.mcp.json` (Claude Code's files, read as its users write them). A cloned
// repository must not start processes by being opened, so the project's own servers
// (.mcp.json and .keel/settings.json) start only once approved — enableAllProjectMcpServers
// or enabledMcpjsonServers — from a layer the repository does not control.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Layer, LayerName, LoadedSettings } from "../config/index.ts";
import { checkServerConfig, type McpServerSpec } from "./config.ts";

export interface SkippedServer {
  name: string;
  source: string;
  /** unapproved: a project server nobody approved yet (the one a person should hear about). */
  kind: "unapproved" | "disabled" | "overridden";
  /** Why it does not start, and how to make it start. */
  reason: string;
}

export interface ServerSources {
  /** In precedence order: managed, --settings, local, project settings, .mcp.json, user. */
  specs: McpServerSpec[];
  /** A file or entry that could not be read, naming the file and field. */
  problems: string[];
  skipped: SkippedServer[];
}

interface Candidate {
  name: string;
  raw: unknown;
  source: string;
  /** The repository's own files: need approval. */
  project: boolean;
}

/** Approval read from these layers only: the project's settings cannot approve the project's servers. */
const APPROVING: readonly LayerName[] = ["managed", "cli", "local", "user"];

export function mcpServersFrom(loaded: Pick<LoadedSettings, "layers">, projectRoot: string): ServerSources {
  const problems: string[] = [];
  const skipped: SkippedServer[] = [];
  const mcpJson = join(projectRoot, ".mcp.json");
  const layer = (name: LayerName) => loaded.layers.find((l) => l.name === name);
  const fromLayer = (l: Layer | undefined): Candidate[] =>
    l ? Object.entries((l.values.mcpServers as Record<string, unknown> | undefined) ?? {}).map(([name, raw]) => ({ name, raw, source: l.file, project: l.name === "project" })) : [];

  const candidates: Candidate[] = [
    ...fromLayer(layer("managed")),
    ...fromLayer(layer("cli")),
    ...fromLayer(layer("local")),
    ...fromLayer(layer("project")),
    ...readMcpJson(mcpJson, problems).map(([name, raw]) => ({ name, raw, source: mcpJson, project: true })),
    ...fromLayer(layer("user")),
  ];

  const approval = approvalFrom(loaded.layers);
  const specs: McpServerSpec[] = [];
  const taken = new Map<string, string>();
  for (const c of candidates) {
    const verdict = c.project ? approval.verdict(c.name) : "approved";
    if (verdict !== "approved") {
      skipped.push({ name: c.name, source: c.source, kind: verdict.startsWith("disabled") ? "disabled" : "unapproved", reason: verdict });
      continue;
    }
    const winner = taken.get(c.name);
    if (winner !== undefined) {
      skipped.push({ name: c.name, source: c.source, kind: "overridden", reason: `overridden by the server of the same name in ${winner}` });
      continue;
    }
    const checked = checkServerConfig(c.raw, `${c.source}: mcpServers.${c.name}`);
    if (!checked.ok) {
      problems.push(`${checked.problem}; this server is not started`);
      continue;
    }
    taken.set(c.name, c.source);
    specs.push({ name: c.name, config: checked.config, source: c.source });
  }
  for (const file of approval.ignoredIn) {
    problems.push(`${file}: enableAllProjectMcpServers / enabledMcpjsonServers ignored: the project's own settings cannot approve its servers (use .keel/settings.local.json or your user settings)`);
  }
  return { specs, problems, skipped };
}

function readMcpJson(file: string, problems: string[]): [string, unknown][] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== "ENOENT") problems.push(`${file}: cannot be read (${code ?? (e as Error).message})`);
    return [];
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    problems.push(`${file}: invalid JSON (${(e as Error).message}); no server from it is started`);
    return [];
  }
  const servers = (value as { mcpServers?: unknown } | null)?.mcpServers;
  if (!value || typeof value !== "object" || Array.isArray(value) || (servers !== undefined && (!servers || typeof servers !== "object" || Array.isArray(servers)))) {
    problems.push(`${file}: expected { "mcpServers": { "<name>": { … } } }; no server from it is started`);
    return [];
  }
  return Object.entries((servers as Record<string, unknown> | undefined) ?? {});
}

const HOW = (name: string) =>
  `a project server needs approval: add "${name}" to enabledMcpjsonServers (or set enableAllProjectMcpServers: true) in .keel/settings.local.json or your user settings`;

function approvalFrom(layers: readonly Layer[]) {
  let all = false;
  const enabled = new Set<string>();
  const disabled = new Map<string, string>();
  const ignoredIn: string[] = [];
  for (const l of layers) {
    // Turning a server off is honoured whoever asks; turning one on is not.
    for (const n of (l.values.disabledMcpjsonServers as string[] | undefined) ?? []) if (!disabled.has(n)) disabled.set(n, l.file);
    if (!APPROVING.includes(l.name)) {
      if (l.values.enableAllProjectMcpServers !== undefined || l.values.enabledMcpjsonServers !== undefined) ignoredIn.push(l.file);
      continue;
    }
    if (l.values.enableAllProjectMcpServers === true) all = true;
    for (const n of (l.values.enabledMcpjsonServers as string[] | undefined) ?? []) enabled.add(n);
  }
  return {
    ignoredIn,
    verdict(name: string): string {
      const off = disabled.get(name);
      if (off) return `disabled by disabledMcpjsonServers in ${off}`;
      return all || enabled.has(name) ? "approved" : HOW(name);
    },
  };
}
