// An unsigned Claude Code plugin (from a marketplace) as a pending install: its identity from
// .claude-plugin/plugin.json or the marketplace entry, and capabilities inferred from what it
// ships — there is no signed list to read them from, and the person is told so.
import semver from "semver";
import { z } from "zod";
import { type Capability, PluginName } from "../manifest.ts";
import { InstallError } from "./errors.ts";
import type { Pending } from "./plan.ts";
import { assertPrintable } from "./printable.ts";
import type { UnpackedFile } from "./unpack.ts";

const ClaudePluginJson = z.looseObject({
  name: PluginName,
  version: z.string().optional(),
  description: z.string().optional(),
  author: z.looseObject({ name: z.string().optional() }).optional(),
  hooks: z.unknown().optional(),
  mcpServers: z.unknown().optional(),
  commands: z.unknown().optional(),
  agents: z.unknown().optional(),
  skills: z.unknown().optional(),
});

const MANIFEST = ".claude-plugin/plugin.json";

function manifestOf(files: readonly UnpackedFile[], dir: string): z.infer<typeof ClaudePluginJson> | undefined {
  const f = files.find((x) => x.path === MANIFEST);
  if (!f) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(f.data));
  } catch (e) {
    throw new InstallError(`${dir}/${MANIFEST}: not valid JSON (${(e as Error).message})`);
  }
  const r = ClaudePluginJson.safeParse(json);
  if (!r.success) throw new InstallError(`${dir}/${MANIFEST}: ${r.error.issues[0]?.path.join(".")}: ${r.error.issues[0]?.message}`);
  return r.data;
}

/** What a Claude Code plugin can do, judged from the parts it ships. */
export function inferCapabilities(files: readonly UnpackedFile[], manifest?: { hooks?: unknown; mcpServers?: unknown }): Capability[] {
  const has = (prefix: string) => files.some((f) => f.path === prefix || f.path.startsWith(`${prefix}/`));
  const caps = new Set<Capability>();
  if (has("commands") || has("agents") || has("skills")) caps.add("prompt");
  if (has("hooks/hooks.json") || manifest?.hooks !== undefined) caps.add("run-commands");
  if (has(".mcp.json") || manifest?.mcpServers !== undefined) {
    caps.add("mcp-server");
    caps.add("run-commands");
  }
  return [...caps].sort();
}

export interface UnsignedOrigin {
  /** "marketplace:<name>" or "dir:<path>". */
  source: string;
  dir: string;
  /** The marketplace entry's name, version and author, when there is one. */
  name?: string;
  version?: string;
  publisher?: string;
}

export function unsignedPending(files: readonly UnpackedFile[], o: UnsignedOrigin): Pending {
  // The loader reads plugin.json before .claude-plugin/plugin.json: one here would make the tree a
  // keel plugin (host modules, capabilities it grants itself) that nobody inferred or was shown.
  if (files.some((f) => f.path === "plugin.json")) {
    throw new InstallError(`${o.dir}: an unsigned Claude Code plugin that ships a keel plugin.json, which would load it as a keel plugin with capabilities it declares itself; refused (keel plugins install from a signed registry, or run with --plugin-dir)`);
  }
  const m = manifestOf(files, o.dir);
  const name = m?.name ?? o.name;
  if (!name) throw new InstallError(`${o.dir}: no ${MANIFEST} and no name to install it under`);
  if (o.name && m && m.name !== o.name) throw new InstallError(`${o.dir}/${MANIFEST}: name ${JSON.stringify(m.name)} differs from the marketplace entry ${JSON.stringify(o.name)}`);
  const raw = m?.version ?? o.version ?? "0.0.0";
  const version = semver.valid(raw) ?? semver.valid(semver.coerce(raw));
  if (!version) throw new InstallError(`${o.dir}: version ${JSON.stringify(raw)} is not a semantic version`);
  const publisher = m?.author?.name || o.publisher || "unknown";
  assertPrintable(publisher, "author name", o.dir);
  return {
    name,
    version,
    publisher,
    source: o.source,
    signed: false,
    format: "claude",
    capabilities: inferCapabilities(files, m),
    files: files.map(({ data: _, ...f }) => f),
    publisherKeys: [],
  };
}
