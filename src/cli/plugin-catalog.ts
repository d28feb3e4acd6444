// What can be installed, in one list: the registry's catalog (signed) and the plugins of every
// added Claude Code marketplace (unsigned), each marked with the version installed here.
// `search`, `info` and `browse` all read this.
import { type CatalogEntry, type Lockfile, marketplaceFile, readRegistered, type PluginPaths, type Registry } from "../plugins/index.ts";
import { printable, warn } from "./output.ts";

export interface CatalogItem {
  name: string;
  version: string;
  publisher: string;
  description: string;
  signed: boolean;
  /** "registry" or "marketplace:<name>". */
  source: string;
  /** What `keel plugin install` takes for it. */
  spec: string;
  capabilities: string[];
  versions: string[];
  flag?: string;
  installed?: string;
  registry?: CatalogEntry;
}

export function registryItems(catalog: readonly CatalogEntry[], lock: Lockfile): CatalogItem[] {
  return catalog.map((c) => ({
    name: c.name,
    version: c.latest.version,
    publisher: printable(c.publisher),
    description: printable(c.description),
    signed: true,
    source: "registry",
    spec: c.name,
    capabilities: c.latest.capabilities,
    versions: c.versions,
    ...(c.latest.flag ? { flag: c.latest.flag } : {}),
    ...(lock.plugins[c.name] ? { installed: lock.plugins[c.name]?.version } : {}),
    registry: c,
  }));
}

/** Every added marketplace's plugins; a marketplace that cannot be read is named and skipped. */
export function marketplaceItems(paths: PluginPaths, lock: Lockfile): CatalogItem[] {
  const out: CatalogItem[] = [];
  for (const m of Object.values(readRegistered(paths).marketplaces)) {
    try {
      const file = marketplaceFile(m);
      for (const p of file.plugins) {
        const installed = lock.plugins[p.name];
        out.push({
          name: p.name,
          // Marketplace files are unsigned and free-form: nothing in them may steer the terminal.
          version: printable(p.version ?? "—"),
          publisher: printable(p.author?.name ?? file.owner.name),
          description: printable(p.description ?? ""),
          signed: false,
          source: `marketplace:${m.name}`,
          spec: `${p.name}@${m.name}`,
          capabilities: [],
          versions: p.version ? [p.version] : [],
          ...(installed && installed.source === `marketplace:${m.name}` ? { installed: installed.version } : {}),
        });
      }
    } catch (e) {
      warn(`marketplace ${m.name}: ${(e as Error).message}`);
    }
  }
  return out;
}

export async function allItems(registry: Registry | undefined, paths: PluginPaths, lock: Lockfile): Promise<CatalogItem[]> {
  const signed = registry ? registryItems(await registry.catalog(), lock) : [];
  return [...signed, ...marketplaceItems(paths, lock)];
}

/** Case-insensitive match on name, description and publisher: every word must appear. */
export function matches(item: CatalogItem, text: string): boolean {
  const hay = `${item.name} ${item.description} ${item.publisher}`.toLowerCase();
  return text
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((w) => hay.includes(w));
}
