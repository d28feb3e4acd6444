// The registry builder (scripts/registry): deterministic archives and metadata, versions that
// move only when content does, plugin sources of both formats, and errors that name the file.
import { describe, expect, test } from "bun:test";
import { mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as tar from "tar";
import { buildRegistry, generateKeys, loadKeys, DEV_KEYS_DIR, packPlugin, pluginDirs, tgzBytes } from "../../../scripts/registry/index.ts";
import { openRegistry, parseRegistryLocation } from "../../../src/plugins/registry/index.ts";
import { hashTree, samplePlugin, tempDir } from "../../support/registry/fixture.ts";

const ROOT = join(import.meta.dir, "../../..");
const plugins = () => [samplePlugin("hello"), samplePlugin("hello", { version: "1.1.0" }), samplePlugin("lint-fix", { publisher: "bolt" })];

function writeTree(root: string, files: Record<string, string>): string {
  for (const [p, body] of Object.entries(files)) {
    mkdirSync(join(root, p, ".."), { recursive: true });
    writeFileSync(join(root, p), body);
  }
  return root;
}

describe("archives", () => {
  test("the same files give the same bytes, with no time or OS in the gzip header", () => {
    const files = [
      { path: "b.txt", data: new TextEncoder().encode("b"), mode: 0o644 },
      { path: "a/run.sh", data: new TextEncoder().encode("#!/bin/sh\n"), mode: 0o755 },
    ];
    const one = tgzBytes(files);
    expect(Buffer.compare(one, tgzBytes([...files].reverse()))).toBe(0);
    expect([...one.subarray(4, 8)]).toEqual([0, 0, 0, 0]);
    expect(one[9]).toBe(255);
  });

  test("node-tar extracts them: sorted entries, modes kept, mtime 0, names past 100 bytes via the ustar prefix", async () => {
    const long = `${"deep/".repeat(25)}file.md`;
    const bytes = tgzBytes([
      { path: "z.md", data: new TextEncoder().encode("z"), mode: 0o644 },
      { path: "bin/run", data: new TextEncoder().encode("#!/bin/sh\necho hi\n"), mode: 0o755 },
      { path: long, data: new TextEncoder().encode("deep"), mode: 0o644 },
    ]);
    const dir = tempDir();
    writeFileSync(join(dir, "a.tgz"), bytes);
    const seen: { path: string; mtime: number; uid: number }[] = [];
    await tar.t({ file: join(dir, "a.tgz"), onReadEntry: (e) => void seen.push({ path: e.path, mtime: e.mtime?.getTime() ?? -1, uid: e.uid ?? -1 }) });
    expect(seen.map((e) => e.path)).toEqual(["bin/run", long, "z.md"]);
    expect(seen.every((e) => e.mtime === 0 && e.uid === 0)).toBe(true);
    const out = tempDir();
    await tar.x({ file: join(dir, "a.tgz"), cwd: out });
    expect(readFileSync(join(out, long), "utf8")).toBe("deep");
    expect(statSync(join(out, "bin/run")).mode & 0o777).toBe(0o755);
  });
});

describe("metadata", () => {
  test("two builds of the same inputs and keys are byte-identical", () => {
    const keys = generateKeys(["acme", "bolt"]);
    const a = tempDir();
    const b = tempDir();
    buildRegistry({ outDir: a, plugins: plugins(), keys });
    buildRegistry({ outDir: b, plugins: plugins(), keys });
    expect(hashTree(a)).toBe(hashTree(b));
  });

  test("a rebuild keeps unchanged versions and bumps exactly the roles a change touches", () => {
    const keys = generateKeys(["acme", "bolt"]);
    const dir = tempDir();
    const first = buildRegistry({ outDir: dir, plugins: plugins(), keys });
    const before = hashTree(dir);
    const same = buildRegistry({ outDir: dir, plugins: plugins(), keys, previous: dir });
    expect(same.versions).toEqual(first.versions);
    expect(hashTree(dir)).toBe(before);
    const changed = buildRegistry({ outDir: dir, plugins: [...plugins(), samplePlugin("lint-fix", { publisher: "bolt", version: "2.0.0" })], keys, previous: dir });
    expect(changed.versions).toEqual({ root: 1, targets: 2, snapshot: 2, timestamp: 2, publishers: { acme: 1, bolt: 2 } });
  });

  test("changing the root keys without the old ones is refused (a rotation needs both thresholds)", () => {
    const keys = generateKeys(["acme", "bolt"]);
    const dir = tempDir();
    buildRegistry({ outDir: dir, plugins: plugins(), keys });
    const before = hashTree(dir);
    const fresh = generateKeys([]).root;
    expect(() => buildRegistry({ outDir: dir, plugins: plugins(), keys: { ...keys, root: fresh }, previous: dir })).toThrow(/root keys changed \(root v2\): a rotated root must also be signed by v1's root keys/);
    expect(hashTree(dir)).toBe(before);
    const rotated = buildRegistry({ outDir: dir, plugins: plugins(), keys: { ...keys, root: fresh }, previous: dir, previousRootKeys: keys.root.keys });
    expect(rotated.files).toContain("metadata/1.root.json");
    expect(rotated.files).toContain("metadata/2.root.json");
  });

  test("each publisher's role delegates only its own namespace; the catalog is a target of top-level targets", () => {
    const dir = tempDir();
    buildRegistry({ outDir: dir, plugins: plugins(), keys: generateKeys(["acme", "bolt"]) });
    const targets = JSON.parse(readFileSync(join(dir, "metadata/1.targets.json"), "utf8")).signed;
    expect(targets.delegations.roles.map((r: { name: string; paths: string[]; terminating: boolean }) => [r.name, r.paths, r.terminating])).toEqual([
      ["acme", ["acme/*/*"], true],
      ["bolt", ["bolt/*/*"], true],
    ]);
    expect(Object.keys(targets.targets)).toEqual(["catalog.json"]);
    const acme = JSON.parse(readFileSync(join(dir, "metadata/1.acme.json"), "utf8")).signed;
    expect(Object.keys(acme.targets)).toEqual(["acme/hello/hello-1.0.0.tgz", "acme/hello/hello-1.1.0.tgz"]);
    expect(acme.targets["acme/hello/hello-1.0.0.tgz"].custom.keel).toMatchObject({ name: "hello", version: "1.0.0", publisher: "acme", format: "keel" });
  });
});

describe("plugin sources", () => {
  test("a Claude Code plugin (.claude-plugin/plugin.json) is published with format claude and capabilities from what it ships", async () => {
    const src = writeTree(tempDir(), {
      ".claude-plugin/plugin.json": JSON.stringify({ name: "reviewer", version: "0.3.0", description: "Reviews diffs", author: { name: "A" } }),
      "commands/review.md": "# /review\n",
      "hooks/hooks.json": "{}",
      ".mcp.json": "{}",
    });
    const dir = tempDir();
    buildRegistry({ outDir: dir, plugins: [{ dir: src }], keys: generateKeys(["keel"]) });
    const r = openRegistry({ source: parseRegistryLocation(dir, "test"), cacheDir: tempDir() });
    const t = await r.resolve("reviewer");
    expect(t.custom).toMatchObject({ format: "claude", publisher: "keel", version: "0.3.0", capabilities: ["mcp-server", "prompt", "run-commands"] });
    expect(t.custom.files.map((f) => f.path)).toEqual([".claude-plugin/plugin.json", ".mcp.json", "commands/review.md", "hooks/hooks.json"]);
  });

  test("pluginDirs picks folders with either manifest and nothing else", () => {
    const root = writeTree(tempDir(), { "a/plugin.json": "{}", "b/.claude-plugin/plugin.json": "{}", "c/README.md": "x", "d.txt": "x" });
    expect(pluginDirs(root).map((d) => d.split("/").pop())).toEqual(["a", "b"]);
  });

  test.each([
    [{ "plugin.json": "{not json" }, /plugin\.json: not valid JSON/],
    [{ "plugin.json": JSON.stringify({ name: "x", version: "1", publisher: "acme", description: "", engine: ">=0.1.0" }) }, /plugin\.json: version: a semantic version/],
    [{ ".claude-plugin/plugin.json": JSON.stringify({ name: "x" }) }, /\.claude-plugin\/plugin\.json: version: a version is required to publish a Claude Code plugin/],
  ])("a bad manifest is named with its field (%#)", (files, message) => {
    const src = writeTree(tempDir(), files);
    expect(() => packPlugin({ dir: src }, { claudePublisher: "keel" })).toThrow(message);
  });

  test("a Claude Code plugin that also ships a root plugin.json is refused (clients would refuse to install it)", () => {
    const input = { format: "claude" as const, manifest: { name: "x", version: "1.0.0" }, files: { "plugin.json": "{}" } };
    expect(() => packPlugin(input, { claudePublisher: "keel" })).toThrow(/plugin "x": a Claude Code plugin \(format "claude"\) must not ship a plugin\.json at its root/);
  });

  test("symbolic links are refused, naming the file", () => {
    const src = writeTree(tempDir(), { "plugin.json": JSON.stringify({ name: "x", version: "1.0.0", publisher: "acme", description: "", engine: ">=0.1.0" }) });
    symlinkSync("/etc/passwd", join(src, "passwd"));
    expect(() => packPlugin({ dir: src }, { claudePublisher: "keel" })).toThrow(/passwd: symbolic links cannot be published/);
  });

  test("one name from two publishers, a publisher without keys, and a reserved publisher name are refused before anything is written", () => {
    const dir = tempDir();
    const keys = generateKeys(["acme", "bolt", "snapshot"]);
    expect(() => buildRegistry({ outDir: dir, plugins: [samplePlugin("hello"), samplePlugin("hello", { publisher: "bolt", version: "2.0.0" })], keys })).toThrow(/plugin name hello is published by acme and bolt/);
    expect(() => buildRegistry({ outDir: dir, plugins: [samplePlugin("hello", { publisher: "zed" })], keys })).toThrow(/no keys for publisher zed \(expected publisher-zed\.pem/);
    expect(() => buildRegistry({ outDir: dir, plugins: [samplePlugin("hello", { publisher: "snapshot" })], keys })).toThrow(/publisher name snapshot is reserved/);
    expect(hashTree(dir)).toBe(hashTree(tempDir()));
  });
});

describe("keys and the command line", () => {
  test("the development keys load, and every file says DEVELOPMENT-ONLY", () => {
    const keys = loadKeys(DEV_KEYS_DIR);
    expect(Object.keys(keys.publishers)).toEqual(["keel"]);
    for (const f of readdirSync(DEV_KEYS_DIR).filter((n) => n.endsWith(".pem"))) expect(f.startsWith("DEVELOPMENT-ONLY.")).toBe(true);
  });

  test("a keys directory missing a role is named with what it lacks", () => {
    const dir = tempDir();
    expect(() => loadKeys(dir)).toThrow(`keys directory ${dir} has no key for the root role (expected root.pem)`);
  });

  test("npm run registry:build's script: production keys from --keys or KEEL_REGISTRY_KEYS, a summary on stdout; a bad plugin exits 1 and writes nothing", () => {
    const keysDir = tempDir();
    const keys = generateKeys(["acme"]);
    for (const r of ["root", "targets", "snapshot", "timestamp"] as const) writeFileSync(join(keysDir, `${r}.pem`), keys[r].keys[0] as string);
    writeFileSync(join(keysDir, "publisher-acme.pem"), keys.publishers.acme?.keys[0] as string);
    const pluginsDir = tempDir();
    writeTree(pluginsDir, {
      "hello/plugin.json": JSON.stringify({ name: "hello", version: "1.0.0", publisher: "acme", description: "hi", engine: ">=0.1.0" }),
      "hello/README.md": "hi",
    });
    const out = tempDir();
    const cli = join(ROOT, "scripts/registry/cli.ts");
    const ok = Bun.spawnSync([process.execPath, cli, "--keys", keysDir, "--out", out, "--plugins", pluginsDir]);
    expect(ok.exitCode).toBe(0);
    expect(ok.stdout.toString()).toContain("1 plugin(s) (hello@1.0.0)");
    expect(ok.stdout.toString()).not.toContain("DEVELOPMENT-ONLY");
    const viaEnv = Bun.spawnSync([process.execPath, cli, "--out", tempDir(), "--plugins", pluginsDir], { env: { ...process.env, KEEL_REGISTRY_KEYS: keysDir } });
    expect(viaEnv.exitCode).toBe(0);
    expect(viaEnv.stdout.toString()).not.toContain("DEVELOPMENT-ONLY");
    const before = hashTree(out);
    writeFileSync(join(pluginsDir, "hello/plugin.json"), JSON.stringify({ name: "Hello!", version: "1.0.0", publisher: "acme", description: "", engine: ">=0.1.0" }));
    const bad = Bun.spawnSync([process.execPath, cli, "--keys", keysDir, "--out", out, "--plugins", pluginsDir]);
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr.toString()).toMatch(/registry:build failed: .*hello\/plugin\.json: name: lowercase letters, digits and dashes/);
    expect(hashTree(out)).toBe(before);
  });
});
