// Installed state over time: checks of an installed tree (what verify and the loader see),
// upgrades kept for rollback, removal, garbage collection, a damaged lockfile, and the plan's
// consent decision (new plugin, wider capabilities, another publisher key).
import { describe, expect, test } from "bun:test";
import { chmodSync, cpSync, existsSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { commitInstall, removePlugin, rollbackPlugin } from "../../../src/plugins/install/commit.ts";
import { verifyArchive } from "../../../src/plugins/install/install.ts";
import { KEEP_PREVIOUS, readLockfile } from "../../../src/plugins/install/lockfile.ts";
import { planFor, signedPending, type SignedTarget } from "../../../src/plugins/install/plan.ts";
import type { LockEntry, TargetCustom } from "../../../src/plugins/contracts.ts";
import { checkInstalled, treeHash } from "../../../src/plugins/install/index.ts";
import { custom, freshPaths, hashDir, sha, signed, tgz } from "./fixture.ts";

type Paths = ReturnType<typeof freshPaths>;

function release(version: string, extra: Partial<TargetCustom> = {}, keys = ["key-1"], name = "demo") {
  const pj = JSON.stringify({ name, version, publisher: "acme", capabilities: extra.capabilities ?? ["prompt"], ...(extra.flag ? { flag: extra.flag } : {}) });
  const c = custom(name, version, [signed("plugin.json", pj), signed("commands/a.md", `# ${version}\n`)], extra);
  const archive = tgz([{ name: "plugin.json", data: pj }, { name: "commands/a.md", data: `# ${version}\n` }]);
  const t: SignedTarget = { path: `acme/${name}/${name}-${version}.tgz`, length: archive.length, sha256: sha(archive), custom: c, publisherKeys: keys };
  return { t, archive };
}

async function install(paths: Paths, version: string, extra?: Partial<TargetCustom>, keys?: string[], name?: string): Promise<LockEntry> {
  const { t, archive } = release(version, extra, keys, name);
  return commitInstall(paths, signedPending(t, "test"), verifyArchive(t, archive));
}

describe("checkInstalled (verify and the loader)", () => {
  const edits: Array<[string, (root: string) => void, string]> = [
    ["a file edited after install", (r) => writeFileSync(join(r, "commands/a.md"), "# tampered\n"), "commands/a.md (changed)"],
    ["a file deleted", (r) => rmSync(join(r, "commands/a.md")), "commands/a.md (missing)"],
    ["a file added", (r) => writeFileSync(join(r, "commands/b.md"), "new"), "commands/b.md (extra)"],
    ["a mode changed", (r) => chmodSync(join(r, "plugin.json"), 0o755), "plugin.json (mode)"],
  ];
  for (const [name, edit, shown] of edits) {
    test(`${name} disables the plugin with a message naming the file and the repair`, async () => {
      const paths = freshPaths();
      const entry = await install(paths, "1.0.0");
      expect(checkInstalled(entry, paths).ok).toBe(true);
      edit(join(paths.store, entry.treeHash));
      const r = checkInstalled(entry, paths);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toBe(`plugin demo 1.0.0 is disabled: its installed files no longer match what was installed: ${shown}; run \`keel plugin install demo@1.0.0\` to repair it`);
    });
  }

  test("a tree directory swapped for a symlink (even to an identical copy) is not read through", async () => {
    const paths = freshPaths();
    const entry = await install(paths, "1.0.0");
    const root = join(paths.store, entry.treeHash);
    const elsewhere = join(paths.root, "elsewhere");
    cpSync(root, elsewhere, { recursive: true });
    rmSync(root, { recursive: true });
    symlinkSync(elsewhere, root);
    const r = checkInstalled(entry, paths);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(`${root} (not a directory)`);
  });

  test("a lockfile whose file list was edited to bless an edited tree is caught", async () => {
    const paths = freshPaths();
    const entry = await install(paths, "1.0.0");
    writeFileSync(join(paths.store, entry.treeHash, "commands/a.md"), "evil");
    const blessed = { ...entry, files: entry.files.map((f) => (f.path === "commands/a.md" ? { ...f, sha256: sha("evil"), size: 4 } : f)) };
    expect(checkInstalled(blessed, paths).ok).toBe(false);
  });

  test("reinstalling the same version repairs an edited tree", async () => {
    const paths = freshPaths();
    const entry = await install(paths, "1.0.0");
    writeFileSync(join(paths.store, entry.treeHash, "commands/a.md"), "# tampered\n");
    const again = await install(paths, "1.0.0");
    expect(again.treeHash).toBe(entry.treeHash);
    expect(checkInstalled(again, paths).ok).toBe(true);
  });

  test("treeHash is order-independent and sensitive to every field", () => {
    const a = signed("a", "1");
    const b = signed("b", "2", 0o755);
    expect(treeHash([a, b])).toBe(treeHash([b, a]));
    for (const changed of [{ ...a, path: "c" }, { ...a, sha256: sha("x") }, { ...a, size: 9 }, { ...a, mode: 0o600 }]) expect(treeHash([changed, b])).not.toBe(treeHash([a, b]));
  });
});

describe("upgrade, rollback, remove", () => {
  test("an upgrade keeps the old version; rollback makes it active again and keeps the newer one", async () => {
    const paths = freshPaths();
    const v1 = await install(paths, "1.0.0");
    const v2 = await install(paths, "1.1.0");
    let lock = readLockfile(paths);
    expect(lock.plugins.demo?.version).toBe("1.1.0");
    expect(lock.previous.demo?.map((e) => e.version)).toEqual(["1.0.0"]);
    expect(readdirSync(paths.store).sort()).toEqual([v1.treeHash, v2.treeHash].sort());
    const { from, to } = await rollbackPlugin(paths, "demo");
    expect([from.version, to.version]).toEqual(["1.1.0", "1.0.0"]);
    lock = readLockfile(paths);
    expect(lock.plugins.demo?.version).toBe("1.0.0");
    expect(lock.previous.demo?.map((e) => e.version)).toEqual(["1.1.0"]);
  });

  test(`only ${KEEP_PREVIOUS} earlier versions are kept; older trees are deleted`, async () => {
    const paths = freshPaths();
    const entries: LockEntry[] = [];
    for (const v of ["1.0.0", "1.1.0", "1.2.0", "1.3.0", "1.4.0"]) entries.push(await install(paths, v));
    expect(readLockfile(paths).previous.demo?.map((e) => e.version)).toEqual(["1.3.0", "1.2.0", "1.1.0"]);
    expect(existsSync(join(paths.store, (entries[0] as LockEntry).treeHash))).toBe(false);
    expect(readdirSync(paths.store)).toHaveLength(4);
  });

  test("rollback refuses when there is nothing earlier, or its tree was edited; nothing changes", async () => {
    const paths = freshPaths();
    const v1 = await install(paths, "1.0.0");
    await expect(rollbackPlugin(paths, "demo")).rejects.toThrow("plugin demo has no earlier version to roll back to (only 1.0.0 was installed here)");
    await install(paths, "1.1.0");
    writeFileSync(join(paths.store, v1.treeHash, "commands/a.md"), "edited");
    const before = hashDir(paths.stateDir);
    await expect(rollbackPlugin(paths, "demo")).rejects.toThrow("cannot roll back demo to 1.0.0: its stored files no longer match");
    expect(hashDir(paths.stateDir)).toBe(before);
  });

  test("rollback refuses a version its publisher has revoked since, naming the reason; nothing changes", async () => {
    const paths = freshPaths();
    await install(paths, "1.0.0");
    await install(paths, "1.1.0");
    const before = hashDir(paths.stateDir);
    const asked: string[] = [];
    const revoked = async (e: LockEntry) => {
      asked.push(`${e.name}@${e.version}`);
      return e.version === "1.0.0" ? "demo@1.0.0 was revoked by acme: CVE-2026-0001" : undefined;
    };
    await expect(rollbackPlugin(paths, "demo", { revoked })).rejects.toThrow(
      "cannot roll back demo to 1.0.0: demo@1.0.0 was revoked by acme: CVE-2026-0001; nothing was changed",
    );
    expect(asked).toEqual(["demo@1.0.0"]);
    expect(hashDir(paths.stateDir)).toBe(before);
    expect(readLockfile(paths).plugins.demo?.version).toBe("1.1.0");
  });

  test("remove drops the plugin, its kept versions and their trees; an unknown name is a clear error", async () => {
    const paths = freshPaths();
    await install(paths, "1.0.0");
    await install(paths, "1.1.0");
    await removePlugin(paths, "demo");
    expect(readLockfile(paths)).toEqual({ version: 1, plugins: {}, previous: {} });
    expect(existsSync(paths.store)).toBe(false); // emptied, then pruned
    await expect(removePlugin(paths, "demo")).rejects.toThrow("plugin demo is not installed");
  });

  test("a damaged lockfile is named and left alone; nothing is installed", async () => {
    const paths = freshPaths();
    await install(paths, "1.0.0");
    writeFileSync(paths.lockfile, '{"version": 1, "plugins": {"demo": {"name": "demo"}}}');
    const before = hashDir(paths.stateDir);
    await expect(install(paths, "1.1.0")).rejects.toThrow(`${paths.lockfile}: plugins.demo.version:`);
    writeFileSync(paths.lockfile, "{ not json");
    const before2 = hashDir(paths.stateDir);
    await expect(install(paths, "1.1.0")).rejects.toThrow(`${paths.lockfile}: not valid JSON`);
    expect(hashDir(paths.stateDir)).toBe(before2);
    expect(before).not.toBe(before2);
  });

  test("a staging dir left by a dead process is swept on the next install", async () => {
    const paths = freshPaths();
    await install(paths, "1.0.0");
    const { mkdirSync } = await import("node:fs");
    mkdirSync(join(paths.staging, "999999999-dead"), { recursive: true });
    await install(paths, "1.1.0");
    expect(existsSync(join(paths.staging, "999999999-dead"))).toBe(false);
  });
});

describe("one installer at a time", () => {
  test("installs racing each other all land in the lockfile (none lost to a stale read)", async () => {
    const paths = freshPaths();
    const names = ["alpha", "beta", "gamma", "delta"];
    await Promise.all(names.map((n) => install(paths, "1.0.0", {}, undefined, n)));
    expect(Object.keys(readLockfile(paths).plugins).sort()).toEqual([...names].sort());
    expect(existsSync(join(paths.root, ".lock"))).toBe(false);
  });

  test("a lock left by a process that died is taken over", async () => {
    const paths = freshPaths();
    const { mkdirSync } = await import("node:fs");
    mkdirSync(join(paths.root, ".lock"), { recursive: true });
    writeFileSync(join(paths.root, ".lock", "pid"), "999999999");
    expect((await install(paths, "1.0.0")).version).toBe("1.0.0");
  });
});

describe("when to ask", () => {
  test.each([
    ["a new plugin", [] as string[], {}, ["key-1"], true, ["prompt"]],
    ["an update with the same capabilities and key", ["1.0.0"], {}, ["key-1"], false, []],
    ["an update that widens capabilities", ["1.0.0"], { capabilities: ["prompt", "network"] }, ["key-1"], true, ["network"]],
    ["an update signed by another publisher key", ["1.0.0"], {}, ["key-2"], true, []],
    ["an update that narrows capabilities", ["1.0.0"], { capabilities: [] }, ["key-1"], false, []],
  ] as const)("%s", async (_name, installed, extra, keys, ask, added) => {
    const paths = freshPaths();
    for (const v of installed) await install(paths, v);
    const plan = planFor(signedPending(release("2.0.0", extra as Partial<TargetCustom>, [...keys]).t, "test"), readLockfile(paths));
    expect(plan.needsConsent).toBe(ask);
    expect(plan.added).toEqual([...added]);
    expect(plan.keysChanged).toBe(keys[0] === "key-2");
    expect(plan.change).toBe(installed.length ? "upgrade" : "new");
  });

  test.each([
    ["a key added beside the trusted ones", ["key-1", "key-2", "key-3"], true],
    ["one trusted key replaced by another", ["key-1", "key-3"], true],
    ["every trusted key replaced", ["key-9"], true],
    ["a trusted key dropped (a narrower set)", ["key-1"], false],
    ["the same keys in another order", ["key-2", "key-1"], false],
  ] as const)("publisher keys: %s", async (_name, keys, ask) => {
    const paths = freshPaths();
    await install(paths, "1.0.0", {}, ["key-1", "key-2"]);
    const plan = planFor(signedPending(release("2.0.0", {}, [...keys]).t, "test"), readLockfile(paths));
    expect(plan.keysChanged).toBe(ask);
    expect(plan.needsConsent).toBe(ask);
  });
});
