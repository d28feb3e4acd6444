// One plugin source (a folder, or a manifest and files given in memory) → its deterministic
// archive and the signed custom data that describes it. A keel plugin has plugin.json at its
// root; a Claude Code plugin has .claude-plugin/plugin.json and is published with format "claude".
import { existsSync, lstatSync, readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { z } from "zod";
import { TargetCustom } from "../../src/plugins/contracts.ts";
import { sha256Hex } from "../../src/plugins/install/tree-hash.ts";
import { PluginManifest, PluginName } from "../../src/plugins/manifest.ts";
import { CLAUDE_DEFAULT_ENGINE } from "./constants.ts";
import { type TarFile, tgzBytes } from "./tar-write.ts";

type FileValue = string | Uint8Array | { data: string | Uint8Array; mode: number };

export type PluginInput =
  | { dir: string; revoked?: string }
  | {
      /** plugin.json (keel) or .claude-plugin/plugin.json (claude) as an object. */
      manifest: Record<string, unknown>;
      /** path → contents (mode 0o644 unless given); the manifest file is added when absent. */
      files?: Record<string, FileValue>;
      format?: "keel" | "claude";
      revoked?: string;
    };

export interface PackedPlugin {
  /** `<publisher>/<name>/<name>-<version>.tgz` */
  path: string;
  archive: Uint8Array;
  custom: TargetCustom;
}

/** Never packed: VCS and OS litter, dependency trees that a plugin must vendor deliberately. */
const SKIP = new Set([".git", ".DS_Store", "node_modules"]);
const enc = new TextEncoder();

/** Only two modes survive packing: executable or not. */
const normalMode = (mode: number) => (mode & 0o111 ? 0o755 : 0o644);

function readTree(root: string): TarFile[] {
  const out: TarFile[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (SKIP.has(name)) continue;
      const p = join(dir, name);
      const st = lstatSync(p);
      const rel = relative(root, p).split(sep).join("/");
      if (st.isSymbolicLink()) throw new Error(`${p}: symbolic links cannot be published (copy the file instead)`);
      if (st.isDirectory()) walk(p);
      else if (st.isFile()) out.push({ path: rel, data: new Uint8Array(readFileSync(p)), mode: normalMode(st.mode) });
      else throw new Error(`${p}: only regular files can be published`);
    }
  };
  walk(root);
  return out;
}

const ClaudeManifest = z.looseObject({
  name: PluginName,
  version: z.string({ error: "a version is required to publish a Claude Code plugin" }),
  description: z.string().max(200).default(""),
});

/** What a Claude Code plugin can do, read from what it ships (its manifest declares nothing). */
function claudeCapabilities(files: readonly TarFile[]): TargetCustom["capabilities"] {
  const has = (prefix: string) => files.some((f) => f.path === prefix || f.path.startsWith(`${prefix}/`));
  const caps = new Set<TargetCustom["capabilities"][number]>();
  if (has("commands") || has("agents") || has("skills")) caps.add("prompt");
  if (has("hooks")) caps.add("run-commands");
  if (has(".mcp.json")) caps.add("mcp-server");
  return [...caps].sort();
}

function issues(e: z.ZodError): string {
  return e.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
}

/** Packs one plugin; `where` names it in errors. `publisher` is used for Claude Code plugins. */
export function packPlugin(input: PluginInput, o: { claudePublisher: string }): PackedPlugin {
  let files: TarFile[];
  let format: "keel" | "claude";
  let where: string;
  if ("dir" in input) {
    where = input.dir;
    files = readTree(input.dir);
    format = existsSync(join(input.dir, "plugin.json")) ? "keel" : "claude";
  } else {
    format = input.format ?? "keel";
    where = `plugin ${JSON.stringify(input.manifest.name ?? "?")}`;
    const manifestPath = format === "keel" ? "plugin.json" : ".claude-plugin/plugin.json";
    const given = { [manifestPath]: JSON.stringify(input.manifest, null, 2), ...(input.files ?? {}) };
    files = Object.entries(given).map(([path, v]) => {
      const body = typeof v === "string" || v instanceof Uint8Array ? v : v.data;
      return { path, data: typeof body === "string" ? enc.encode(body) : body, mode: typeof v === "object" && "mode" in v ? v.mode : 0o644 };
    });
  }
  const manifestPath = format === "keel" ? "plugin.json" : ".claude-plugin/plugin.json";
  // keel's loader reads plugin.json first, so clients refuse a Claude Code plugin that ships one.
  if (format === "claude" && files.some((f) => f.path === "plugin.json")) throw new Error(`${where}: a Claude Code plugin (format "claude") must not ship a plugin.json at its root`);
  const manifestFile = files.find((f) => f.path === manifestPath);
  if (!manifestFile) throw new Error(`${where}: no plugin.json or .claude-plugin/plugin.json`);
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder().decode(manifestFile.data));
  } catch (e) {
    throw new Error(`${where}/${manifestPath}: not valid JSON (${(e as Error).message})`);
  }

  let identity: Omit<TargetCustom, "files" | "format" | "revoked">;
  if (format === "keel") {
    const m = PluginManifest.safeParse(raw);
    if (!m.success) throw new Error(`${where}/${manifestPath}: ${issues(m.error)}`);
    const { name, version, publisher, description, engine, flag, capabilities } = m.data;
    identity = { name, version, publisher, description, engine, ...(flag ? { flag } : {}), capabilities };
  } else {
    const m = ClaudeManifest.safeParse(raw);
    if (!m.success) throw new Error(`${where}/${manifestPath}: ${issues(m.error)}`);
    identity = {
      name: m.data.name,
      version: m.data.version,
      publisher: o.claudePublisher,
      description: m.data.description,
      engine: CLAUDE_DEFAULT_ENGINE,
      capabilities: claudeCapabilities(files),
    };
  }
  const revoked = input.revoked;
  const signedFiles = [...files]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((f) => ({ path: f.path, sha256: sha256Hex(f.data), size: f.data.length, mode: f.mode }));
  const custom = TargetCustom.safeParse({ ...identity, format, files: signedFiles, ...(revoked ? { revoked } : {}) });
  if (!custom.success) throw new Error(`${where}: ${issues(custom.error)}`);
  return {
    path: `${custom.data.publisher}/${custom.data.name}/${custom.data.name}-${custom.data.version}.tgz`,
    archive: tgzBytes(files),
    custom: custom.data,
  };
}

/** Every folder of `pluginsDir` that holds a plugin.json or a .claude-plugin/plugin.json. */
export function pluginDirs(pluginsDir: string): string[] {
  return readdirSync(pluginsDir)
    .sort()
    .map((name) => join(pluginsDir, name))
    .filter((d) => lstatSync(d).isDirectory() && (existsSync(join(d, "plugin.json")) || existsSync(join(d, ".claude-plugin", "plugin.json"))));
}
