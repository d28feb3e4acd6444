// Plugin fixtures: real plugin directories in temp dirs, a runtime over them, and a look
// at /proc for host processes (a real process check, not a counter of our own).
import { createHash } from "node:crypto";
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { DEFAULT_SNAPSHOT } from "../../../src/flags/index.ts";
import { type LockEntry, pluginPaths, PluginRuntime, type RuntimeOptions, treeHash } from "../../../src/plugins/index.ts";

export const tempDir = (prefix = "keel-plugin-") => mkdtempSync(join(tmpdir(), prefix));

/** Writes `files` (path → text; objects become JSON) under a fresh dir and returns it. */
export function writeTree(files: Record<string, string | object>, root = tempDir()): string {
  for (const [rel, body] of Object.entries(files)) {
    const p = join(root, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, typeof body === "string" ? body : JSON.stringify(body, null, 2));
  }
  return root;
}

/** A keel plugin.json with the required fields filled in (capabilities for every part but network and writes). */
export const manifest = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  version: "1.0.0",
  publisher: "test",
  description: `${name} test plugin`,
  engine: ">=0.1.0",
  capabilities: ["prompt", "ui", "run-commands", "mcp-server"],
  ...extra,
});

/** A unique plugin name, so parallel test files never see each other's hosts in /proc. */
export const uniqueName = (base: string) => `${base}-${crypto.randomUUID().slice(0, 8)}`;

export function runtimeFor(dirs: string[], o: Partial<RuntimeOptions> = {}): { runtime: PluginRuntime; notices: string[]; state: string } {
  const state = tempDir("keel-plugin-state-");
  const notices: string[] = [];
  const cwd = o.cwd ?? dirs[0] ?? state;
  const runtime = new PluginRuntime({
    paths: pluginPaths({ stateDir: state, cacheDir: join(state, "cache") }),
    pluginDirs: dirs,
    flags: DEFAULT_SNAPSHOT,
    cwd,
    projectDir: cwd,
    installId: "test-install",
    notify: (l) => notices.push(l),
    ...o,
  });
  return { runtime, notices, state };
}

/** Pids whose command line holds `__plugin-host` and `marker` (bwrap's and the host's own). */
export function hostProcesses(marker: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0");
      if (argv.includes("__plugin-host") && argv.includes(marker)) pids.push(Number(entry));
    } catch {
      // Gone between readdir and read.
    }
  }
  return pids;
}

/** A plugin with one host module (host.js) and the tools it declares. */
export function hostPlugin(name: string, hostJs: string, tools: { name: string; description?: string; inputSchema?: object }[], extra: Record<string, unknown> = {}): string {
  return writeTree({
    "plugin.json": manifest(name, {
      ...extra,
      contributes: { hostModules: [{ path: "host.js", tools: tools.map((t) => ({ description: `${t.name} tool`, ...t })) }], ...((extra.contributes as object) ?? {}) },
    }),
    "host.js": hostJs,
  });
}

/** Puts `files` in the store as an installed plugin, with the capabilities approved at install; returns the state dir. */
export function installPlugin(name: string, files: Record<string, string | object>, capabilities: LockEntry["capabilities"], state = tempDir("keel-plugin-state-")): string {
  const texts = Object.entries(files).map(([path, body]) => [path, typeof body === "string" ? body : JSON.stringify(body, null, 2)] as const);
  const signed = texts.map(([path, text]) => ({ path, sha256: createHash("sha256").update(text).digest("hex"), size: Buffer.byteLength(text), mode: 0o644 }));
  const paths = pluginPaths({ stateDir: state, cacheDir: join(state, "cache") });
  const hash = treeHash(signed);
  const root = writeTree(Object.fromEntries(texts), join(paths.store, hash));
  for (const f of signed) chmodSync(join(root, f.path), 0o644);
  const entry: LockEntry = { name, version: "1.0.0", publisher: "test", source: "dir:/somewhere", signed: false, format: "keel", capabilities, treeHash: hash, files: signed, publisherKeys: [], installedAt: new Date(0).toISOString() };
  writeFileSync(paths.lockfile, JSON.stringify({ version: 1, plugins: { [name]: entry }, previous: {} }));
  return state;
}
