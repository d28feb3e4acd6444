// Test registries built on the fly with the real builder (scripts/registry): fresh keys per
// fixture, sample plugins, rebuilds that bump versions like a real publish, and a hash of a
// directory tree to show that an attack left the metadata cache exactly as it was.
import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { type BuildOptions, type BuildResult, buildRegistry, generateKeys, type PluginInput, type RegistryKeys } from "../../../scripts/registry/index.ts";

export const tempDir = (prefix = "keel-reg-") => mkdtempSync(join(tmpdir(), prefix));

/** A small keel plugin as an in-memory source. */
export function samplePlugin(
  name: string,
  o: { version?: string; publisher?: string; description?: string; revoked?: string; capabilities?: string[]; files?: Record<string, string> } = {},
): PluginInput {
  return {
    manifest: {
      name,
      version: o.version ?? "1.0.0",
      publisher: o.publisher ?? "acme",
      description: o.description ?? `The ${name} plugin`,
      engine: ">=0.1.0",
      capabilities: o.capabilities ?? ["prompt"],
      contributes: { commands: [{ name, file: `commands/${name}.md` }] },
    },
    files: o.files ?? { [`commands/${name}.md`]: `# /${name}\nDo the ${name} thing.\n` },
    ...(o.revoked ? { revoked: o.revoked } : {}),
  };
}

export interface Fixture {
  dir: string;
  keys: RegistryKeys;
  plugins: PluginInput[];
  last: BuildResult;
  /** Rebuilds in place from the current build (unchanged roles keep versions, changed ones bump). */
  rebuild(o?: Partial<BuildOptions>): BuildResult;
  /** A copy of the registry as it is now (for replaying it later). */
  snapshotCopy(): string;
  /** Puts a copy made by snapshotCopy back in place. */
  restore(copy: string): void;
  read(rel: string): Uint8Array;
}

/** Builds a registry into a fresh temp dir; `publishers` get fresh keys (default: those the plugins name). */
export function makeRegistry(o: { plugins?: PluginInput[]; keys?: RegistryKeys; publishers?: string[]; build?: Partial<BuildOptions> } = {}): Fixture {
  const plugins = o.plugins ?? [samplePlugin("hello"), samplePlugin("hello", { version: "1.1.0" }), samplePlugin("lint-fix", { publisher: "bolt" })];
  const named = plugins.map((p) => ("manifest" in p ? String(p.manifest.publisher ?? "keel") : "keel"));
  const keys = o.keys ?? generateKeys([...new Set([...(o.publishers ?? []), ...named])]);
  const dir = tempDir("keel-reg-src-");
  const fx: Fixture = {
    dir,
    keys,
    plugins,
    last: buildRegistry({ outDir: dir, plugins, keys, ...o.build }),
    rebuild(more = {}) {
      fx.last = buildRegistry({ outDir: dir, plugins: fx.plugins, keys: fx.keys, previous: dir, ...more });
      return fx.last;
    },
    snapshotCopy() {
      const copy = tempDir("keel-reg-copy-");
      cpSync(dir, copy, { recursive: true });
      return copy;
    },
    restore(copy) {
      for (const part of ["metadata", "targets", "embedded.bundle"]) {
        cpSync(join(copy, part), join(dir, part), { recursive: true, force: true });
      }
    },
    read: (rel) => new Uint8Array(readFileSync(join(dir, rel))),
  };
  return fx;
}

/** sha256 over every file's relative path and bytes: equal hashes, untouched tree. */
export function hashTree(dir: string): string {
  const h = createHash("sha256");
  const walk = (d: string) => {
    let names: string[];
    try {
      names = readdirSync(d).sort();
    } catch {
      return;
    }
    for (const n of names) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else h.update(`${relative(dir, p)}\0`).update(readFileSync(p)).update("\0");
    }
  };
  walk(dir);
  return h.digest("hex");
}

/** The served file name of a target (consistent snapshots prefix its sha256). */
export function servedFile(fx: Fixture, path: string): string {
  const slash = path.lastIndexOf("/");
  const prefix = `targets/${path.slice(0, slash + 1)}`;
  const base = path.slice(slash + 1);
  const hit = fx.last.files.find((f) => f.startsWith(prefix) && f.endsWith(`.${base}`) && !f.slice(prefix.length).includes("/"));
  if (!hit) throw new Error(`no served file for ${path}`);
  return hit;
}
