// Claude Code marketplaces: a marketplace.json (name, owner, plugins[]) from a local
// directory or an http(s) URL, remembered in `<plugins root>/marketplaces.json`. Only
// relative-path plugin sources can be fetched here; every other kind is named and refused.
import { existsSync, readFileSync, realpathSync, statSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve } from "node:path";
import { z } from "zod";
import { writeFileAtomic } from "../../config/index.ts";
import type { PluginPaths } from "../contracts.ts";
import { PluginName } from "../manifest.ts";
import { InstallError } from "./errors.ts";

/** A plugin's `source`: Claude Code ignores keys it does not know, so these are loose. */
const PluginSource = z.union([
  z.string().min(1),
  z.looseObject({ source: z.literal("github"), repo: z.string() }),
  z.looseObject({ source: z.literal("url"), url: z.string() }),
  z.looseObject({ source: z.literal("git-subdir"), url: z.string(), path: z.string().optional() }),
  z.looseObject({ source: z.literal("npm"), package: z.string() }),
]);
export type PluginSource = z.infer<typeof PluginSource>;

export const MarketplaceFile = z.looseObject({
  name: PluginName,
  owner: z.looseObject({ name: z.string().min(1), email: z.string().optional() }, { error: 'expected {"name": "…"} (who publishes the marketplace)' }),
  metadata: z.looseObject({ description: z.string().optional(), version: z.string().optional(), pluginRoot: z.string().optional() }).optional(),
  plugins: z.array(
    z.looseObject({
      name: PluginName,
      source: PluginSource,
      description: z.string().optional(),
      version: z.string().optional(),
      author: z.looseObject({ name: z.string().optional() }).optional(),
    }),
  ),
});
export type MarketplaceFile = z.infer<typeof MarketplaceFile>;
export type MarketplacePlugin = MarketplaceFile["plugins"][number];

const Added = z.strictObject({
  name: PluginName,
  kind: z.enum(["dir", "url"]),
  /** The marketplace root (the directory holding .claude-plugin/), or the URL of marketplace.json. */
  location: z.string().min(1),
  addedAt: z.string(),
  /** A URL marketplace's file as fetched when added (a directory's is re-read each time). */
  file: z.unknown().optional(),
});
export type AddedMarketplace = z.infer<typeof Added>;
const Registered = z.strictObject({ version: z.literal(1), marketplaces: z.record(z.string(), Added) });
type Registered = z.infer<typeof Registered>;

const marketplacesFile = (paths: PluginPaths) => join(paths.root, "marketplaces.json");

function parseFile(json: unknown, where: string): MarketplaceFile {
  const r = MarketplaceFile.safeParse(json);
  if (r.success) return r.data;
  const i = r.error.issues[0];
  throw new InstallError(`${where}: ${i?.path.map(String).join(".") || "(root)"}: ${i?.message}`);
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new InstallError(`${file}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "not found" : `not valid JSON (${(e as Error).message})`}`);
  }
}

export function readRegistered(paths: PluginPaths): Registered {
  const file = marketplacesFile(paths);
  if (!existsSync(file)) return { version: 1, marketplaces: {} };
  const r = Registered.safeParse(readJson(file));
  if (!r.success) throw new InstallError(`${file}: ${r.error.issues[0]?.path.join(".")}: ${r.error.issues[0]?.message}; nothing was changed`);
  return r.data;
}

/** Where a local marketplace's file is: a marketplace.json path, or a root holding .claude-plugin/marketplace.json. */
function localFile(location: string): { root: string; file: string } {
  const abs = resolve(location);
  if (existsSync(abs) && statSync(abs).isFile()) {
    const dir = dirname(abs);
    return { root: basename(dir) === ".claude-plugin" ? dirname(dir) : dir, file: abs };
  }
  if (!existsSync(abs)) throw new InstallError(`${abs} does not exist (give a marketplace directory, a marketplace.json file or an http(s) URL of one)`);
  const file = join(abs, ".claude-plugin", "marketplace.json");
  if (existsSync(file)) return { root: abs, file };
  if (existsSync(join(abs, "marketplace.json"))) return { root: abs, file: join(abs, "marketplace.json") };
  throw new InstallError(`${abs}: no .claude-plugin/marketplace.json here (give a marketplace directory, a marketplace.json file or an http(s) URL of one)`);
}

const GIT_LIKE = /^(git@|ssh:\/\/|git:\/\/)|\.git$|^[\w.-]+\/[\w.-]+$/;

const MAX_FILE = 4 * 1024 * 1024;

/** Fetches a marketplace.json, reading no more than MAX_FILE bytes whatever the server sends. */
async function fetchFile(url: string, signal?: AbortSignal): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, { signal: signal ?? AbortSignal.timeout(15_000), redirect: "follow" });
  } catch (e) {
    throw new InstallError(`${url}: cannot be fetched: ${(e as Error).message}`);
  }
  if (!res.ok) throw new InstallError(`${url}: HTTP ${res.status}`);
  const tooBig = () => new InstallError(`${url}: a marketplace file over ${MAX_FILE / 1024 / 1024} MiB is refused`);
  if (Number(res.headers.get("content-length") ?? 0) > MAX_FILE) throw tooBig();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body?.getReader();
  for (;;) {
    const r = reader ? await reader.read() : { done: true as const, value: undefined };
    if (r.done) break;
    size += r.value.length;
    if (size > MAX_FILE) {
      await reader?.cancel();
      throw tooBig();
    }
    chunks.push(r.value);
  }
  try {
    return JSON.parse(new TextDecoder().decode(Buffer.concat(chunks)));
  } catch (e) {
    throw new InstallError(`${url}: not valid JSON (${(e as Error).message})`);
  }
}

/** Reads a marketplace from `where` (a directory, a file, or an http(s) URL) and remembers it by its name. */
export async function addMarketplace(paths: PluginPaths, where: string, now = new Date()): Promise<{ added: AddedMarketplace; file: MarketplaceFile }> {
  let added: AddedMarketplace;
  let file: MarketplaceFile;
  if (/^https?:\/\//i.test(where) && !where.endsWith(".git")) {
    const json = await fetchFile(where);
    file = parseFile(json, where);
    added = { name: file.name, kind: "url", location: where, addedAt: now.toISOString(), file: json };
  } else if (GIT_LIKE.test(where) && !existsSync(where)) {
    throw new InstallError(`not supported here: ${where} is a git repository, and this keel reaches no git host; clone it and add the directory, or give the http(s) URL of its marketplace.json`);
  } else {
    const { root, file: f } = localFile(where);
    file = parseFile(readJson(f), f);
    added = { name: file.name, kind: "dir", location: root, addedAt: now.toISOString() };
  }
  const reg = readRegistered(paths);
  const existing = reg.marketplaces[file.name];
  if (existing && existing.location !== added.location) {
    throw new InstallError(`a marketplace named ${file.name} is already added from ${existing.location}; remove it first (keel plugin marketplace remove ${file.name})`);
  }
  reg.marketplaces[file.name] = added;
  await writeFileAtomic(marketplacesFile(paths), `${JSON.stringify(reg, null, 2)}\n`);
  return { added, file };
}

export async function removeMarketplace(paths: PluginPaths, name: string): Promise<AddedMarketplace> {
  const reg = readRegistered(paths);
  const m = reg.marketplaces[name];
  if (!m) throw new InstallError(`no marketplace named ${name} is added`, 1, "keel plugin marketplace list shows them");
  delete reg.marketplaces[name];
  await writeFileAtomic(marketplacesFile(paths), `${JSON.stringify(reg, null, 2)}\n`);
  return m;
}

/** The marketplace's current file: re-read from its directory, or the copy fetched when a URL was added. */
export function marketplaceFile(m: AddedMarketplace): MarketplaceFile {
  if (m.kind === "url") return parseFile(m.file, m.location);
  const { file } = localFile(m.location);
  return parseFile(readJson(file), file);
}

export function findMarketplace(paths: PluginPaths, name: string): AddedMarketplace {
  const m = readRegistered(paths).marketplaces[name];
  if (!m) throw new InstallError(`no marketplace named ${name} is added`, 1, `add it with keel plugin marketplace add <dir|url>; keel plugin marketplace list shows those added`);
  return m;
}

function describeSource(s: Exclude<PluginSource, string>): string {
  if (s.source === "github") return `a {github: ${s.repo}} source`;
  if (s.source === "npm") return `an {npm: ${s.package}} source`;
  return `a {${s.source}: ${s.url}} source`;
}

/** The directory holding a marketplace plugin; only relative sources inside a local marketplace resolve. */
export function pluginDir(m: AddedMarketplace, file: MarketplaceFile, p: MarketplacePlugin): string {
  const where = `${p.name}@${m.name}`;
  if (typeof p.source !== "string") {
    throw new InstallError(`not supported here: ${where} has ${describeSource(p.source)}, which needs a git host or npm that this keel cannot reach; only relative-path sources install`);
  }
  if (m.kind === "url") throw new InstallError(`not supported here: ${where} has a relative source in a marketplace added by URL (${m.location}); its files live in the marketplace's repository — clone it and add the directory`);
  if (isAbsolute(p.source) || /^[a-z]+:\/\//i.test(p.source)) throw new InstallError(`${where}: source ${JSON.stringify(p.source)} must be a path relative to the marketplace root`);
  const base = p.source.startsWith("./") || !file.metadata?.pluginRoot ? m.location : resolve(m.location, file.metadata.pluginRoot);
  const dir = resolve(base, p.source);
  let real: string;
  let rootReal: string;
  try {
    real = realpathSync(dir);
    rootReal = realpathSync(m.location);
  } catch {
    throw new InstallError(`${where}: its source directory ${dir} does not exist`);
  }
  const rel = relative(rootReal, real);
  if (rel.startsWith("..") || isAbsolute(rel)) throw new InstallError(`${where}: source ${JSON.stringify(p.source)} points outside the marketplace (${real})`);
  if (!statSync(real).isDirectory()) throw new InstallError(`${where}: source ${real} is not a directory`);
  return real;
}
