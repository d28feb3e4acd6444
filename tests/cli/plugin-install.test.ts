// `keel plugin install | update | rollback | remove | list | verify | search | info` against a
// real registry built by scripts/registry in a temp dir (KEEL_REGISTRY=<dir>), with real
// PluginInstalled / PluginRemoved command hooks writing their stdin to files.
import { beforeAll, describe, expect, test } from "bun:test";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { newPrivateKeyPem } from "../../src/plugins/index.ts";
import { type Fixture, makeRegistry, samplePlugin } from "../support/registry/fixture.ts";
import { serveDir } from "../support/registry/static-server.ts";
import { hashDir } from "../plugins/install/fixture.ts";
import { type Keel, keelFromSource, tempDir } from "./plugin-support.ts";

let fx: Fixture;
let keel: Keel;
const hookOut = tempDir("keel-plugin-hooks-");

function hookSettings(home: string) {
  const hook = (event: string) => ({ hooks: [{ type: "command", command: `cat >> ${join(hookOut, event)}.jsonl; echo >> ${join(hookOut, event)}.jsonl` }] });
  writeFileSync(join(home, "settings.json"), JSON.stringify({ hooks: { PluginInstalled: [hook("PluginInstalled")], PluginRemoved: [hook("PluginRemoved")] } }));
}
const hookLines = (event: string) =>
  existsSync(join(hookOut, `${event}.jsonl`)) ? readFileSync(join(hookOut, `${event}.jsonl`), "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l)) : [];

const listJson = async () => JSON.parse((await keel.run(["plugin", "list", "--json"])).stdout).plugins as Array<Record<string, unknown>>;

beforeAll(() => {
  fx = makeRegistry({ plugins: [samplePlugin("hello"), samplePlugin("hello", { version: "1.1.0" }), samplePlugin("lint-fix", { publisher: "bolt", description: "Fixes lint" }), samplePlugin("fmt", { description: "Formats code" })] });
  keel = keelFromSource({ KEEL_REGISTRY: fx.dir });
  hookSettings(keel.home);
});

describe("install", () => {
  test("at a non-terminal without --yes nothing is installed, and the line says to pass --yes", async () => {
    const r = await keel.run(["plugin", "install", "hello@1.0.0"]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain("hello 1.0.0 from acme — signed");
    expect(r.stderr).toContain("once installed it will be able to:\n    - add to what the model is told");
    expect(r.stderr).toContain("error: hello 1.0.0 needs your consent to what it can do, and there is no terminal to ask at; pass --yes to install without asking");
    expect(existsSync(join(keel.stateDir, "plugins"))).toBe(false);
  });

  test("--yes installs a pinned version, records it signed, and fires PluginInstalled with the plugin's identity", async () => {
    const r = await keel.run(["plugin", "install", "hello@1.0.0", "--yes"]);
    expect(r.stderr).not.toContain("error");
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^installed hello 1\.0\.0 \(signed by acme\) in .*\/plugins\/store\/[0-9a-f]{64}\n$/);
    const [row] = await listJson();
    expect(row).toMatchObject({ name: "hello", version: "1.0.0", publisher: "acme", signed: true, status: "ok", capabilities: ["prompt"] });
    expect(String(row?.source)).toMatch(/^registry:dir-[0-9a-f]{12}$/);
    const [payload] = hookLines("PluginInstalled");
    expect(payload).toMatchObject({ hook_event_name: "PluginInstalled", session_id: "", plugin_name: "hello", version: "1.0.0", publisher: "acme", source: row?.source, signed: true });
    expect(typeof payload.cwd).toBe("string");
  });

  test("installing what is already installed changes nothing", async () => {
    const before = hashDir(keel.stateDir);
    const r = await keel.run(["plugin", "install", "hello@1.0.0"]);
    expect(r.stdout).toBe("hello 1.0.0 is already installed and intact\n");
    expect(hashDir(keel.stateDir)).toBe(before);
  });

  test("an update with the same capabilities and key goes ahead without asking, even with no terminal", async () => {
    const r = await keel.run(["plugin", "update", "hello"]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe("updated hello 1.0.0 → 1.1.0\n");
    expect(hookLines("PluginInstalled").map((p) => p.version)).toEqual(["1.0.0", "1.1.0"]);
  });

  test("an update that widens capabilities asks again: refused without --yes, nothing changed", async () => {
    fx.plugins.push(samplePlugin("hello", { version: "1.2.0", capabilities: ["prompt", "network"] }));
    fx.rebuild();
    const before = hashDir(keel.stateDir);
    const r = await keel.run(["plugin", "update", "hello"]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain("+ new: reach the network (network)");
    expect(r.stderr).toContain("pass --yes to update without asking");
    expect(hashDir(keel.stateDir)).toBe(before);
    const ok = await keel.run(["plugin", "update", "--all", "--yes"]);
    expect(ok.stdout).toBe("updated hello 1.1.0 → 1.2.0\n");
  });

  test("an update signed by a different publisher key asks again", async () => {
    fx.keys.publishers.acme = { keys: [newPrivateKeyPem()] };
    fx.plugins.push(samplePlugin("hello", { version: "1.3.0", capabilities: ["prompt", "network"] }));
    fx.rebuild();
    const r = await keel.run(["plugin", "update", "hello"]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain("it is signed by a different publisher key than the installed version");
    expect((await listJson())[0]?.version).toBe("1.2.0");
  });

  test("rollback makes the previous version active and fires PluginInstalled", async () => {
    const r = await keel.run(["plugin", "rollback", "hello"]);
    expect(r.stdout).toBe("rolled back hello 1.2.0 → 1.1.0\n");
    expect((await listJson())[0]?.version).toBe("1.1.0");
    expect(hookLines("PluginInstalled").at(-1)).toMatchObject({ plugin_name: "hello", version: "1.1.0" });
  });

  test("a revoked version is refused with a clear error and nothing changes", async () => {
    fx.plugins.push(samplePlugin("lint-fix", { publisher: "bolt", version: "2.0.0", revoked: "shipped a credential stealer" }));
    fx.rebuild();
    const before = hashDir(keel.stateDir);
    const r = await keel.run(["plugin", "install", "lint-fix@2.0.0", "--yes"]);
    expect(r.exitCode).not.toBe(0);
    expect(r.stderr).toContain("lint-fix@2.0.0 was revoked by bolt: shipped a credential stealer");
    expect(hashDir(keel.stateDir)).toBe(before);
  });

  test("an unknown plugin and a malformed name are clear errors", async () => {
    const r = await keel.run(["plugin", "install", "no-such-plugin", "--yes"]);
    expect(r.exitCode).not.toBe(0);
    expect(r.stderr).toContain("no-such-plugin");
    const bad = await keel.run(["plugin", "install", "Bad_Name"]);
    expect(bad.stderr).toContain('error: "Bad_Name": a plugin name is lowercase letters, digits and dashes');
  });
});

describe("list, verify, search, info", () => {
  test("an installed file edited afterwards: list says modified, verify names the file and exits 1", async () => {
    const entry = (await listJson())[0] as { treeHash: string };
    const file = join(keel.stateDir, "plugins", "store", entry.treeHash, "commands", "hello.md");
    const original = readFileSync(file);
    writeFileSync(file, "# /hello\nsomething else entirely\n");
    const [row] = await listJson();
    expect(row?.status).toBe("modified");
    expect(row?.contributes).toBeUndefined(); // a changed tree is not read, in a list as in a session
    expect((await keel.run(["plugin", "list"])).stdout).not.toContain("hello contributes");
    const v = await keel.run(["plugin", "verify"]);
    expect(v.exitCode).toBe(1);
    expect(v.stdout).toContain("modified  hello 1.1.0\n    commands/hello.md: changed\n");
    expect(v.stdout).toContain("run `keel plugin install hello@1.1.0` to repair it");
    // --yes: the publisher key was rotated by an earlier test, so even a repair asks again.
    const repair = await keel.run(["plugin", "install", "hello@1.1.0", "--yes"]);
    expect(repair.stdout).toBe("repaired hello 1.1.0: its files were restored as installed\n");
    expect(readFileSync(file)).toEqual(original);
    expect((await keel.run(["plugin", "verify"])).exitCode).toBe(0);
  });

  test("a version revoked after it was installed shows as revoked", async () => {
    expect((await keel.run(["plugin", "install", "lint-fix@1.0.0", "--yes"])).exitCode).toBe(0);
    const i = fx.plugins.findIndex((p) => "manifest" in p && p.manifest.name === "lint-fix" && p.manifest.version === "1.0.0");
    fx.plugins[i] = samplePlugin("lint-fix", { publisher: "bolt", description: "Fixes lint", revoked: "broken" });
    fx.rebuild();
    const rows = await listJson();
    expect(rows.find((r) => r.name === "lint-fix")).toMatchObject({ status: "revoked" });
    const v = await keel.run(["plugin", "verify", "--json"]);
    expect(v.exitCode).toBe(1);
    expect(JSON.parse(v.stdout).ok).toBe(false);
  });

  test("list prints a table with every column", async () => {
    const r = await keel.run(["plugin", "list"]);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toMatch(/^NAME\s+VERSION\s+PUBLISHER\s+SOURCE\s+SIGNED\s+STATUS$/);
    expect(lines[1]).toMatch(/^hello\s+1\.1\.0\s+acme\s+registry:dir-\w+\s+yes\s+ok$/);
  });

  test("search matches words in name or description; info shows capabilities and versions", async () => {
    const s = JSON.parse((await keel.run(["plugin", "search", "FORMATS code", "--json"])).stdout);
    expect(s.plugins.map((p: { name: string }) => p.name)).toEqual(["fmt"]);
    expect((await keel.run(["plugin", "search", "formats nothing"])).stdout).toBe('nothing matches "formats nothing"\n');
    const info = await keel.run(["plugin", "info", "hello"]);
    expect(info.stdout).toContain("hello 1.3.0 — The hello plugin");
    expect(info.stdout).toContain("versions      1.3.0, 1.2.0, 1.1.0, 1.0.0");
    expect(info.stdout).toContain("installed     1.1.0");
    expect(info.stdout).toContain("- reach the network (network)");
  });

  test("remove takes the plugin and its kept trees out and fires PluginRemoved", async () => {
    const r = await keel.run(["plugin", "remove", "hello"]);
    expect(r.stdout).toBe("removed hello 1.1.0\n");
    expect((await listJson()).map((p) => p.name)).toEqual(["lint-fix"]);
    expect(hookLines("PluginRemoved")).toEqual([expect.objectContaining({ hook_event_name: "PluginRemoved", plugin_name: "hello", version: "1.1.0", session_id: "" })]);
    expect(readdirSync(join(keel.stateDir, "plugins", "store"))).toHaveLength(1);
    const again = await keel.run(["plugin", "remove", "hello"]);
    expect(again.stderr).toContain("error: plugin hello is not installed");
  });

  test("the plugin command does not exist while the harbor flag is off", async () => {
    const r = await keel.run(["--flag", "harbor=false", "plugin", "list"]);
    expect(r.exitCode).not.toBe(0);
    expect(r.stderr).toContain("unknown command 'plugin'");
  });
});

describe("over HTTP", () => {
  test("installs from a registry served on loopback; a download longer than signed leaves no trace", async () => {
    const http = makeRegistry({ plugins: [samplePlugin("hello"), samplePlugin("hello", { version: "1.1.0" })] });
    const server = serveDir(http.dir);
    try {
      const k = keelFromSource({ KEEL_REGISTRY: server.url });
      const ok = await k.run(["plugin", "install", "hello@1.0.0", "--yes"]);
      expect(ok.stdout).toStartWith("installed hello 1.0.0 (signed by acme)");
      expect(server.requests.some((r) => r.endsWith("hello-1.0.0.tgz"))).toBe(true);
      server.fault(/hello-1\.1\.0\.tgz$/, { endless: true });
      const before = hashDir(k.stateDir);
      const bad = await k.run(["plugin", "update", "hello", "--yes"]);
      expect(bad.exitCode).not.toBe(0);
      expect(bad.stderr).toContain("hello-1.1.0.tgz is longer than the");
      expect(hashDir(k.stateDir)).toBe(before);
    } finally {
      await server.stop();
    }
  });
});
