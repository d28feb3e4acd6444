// Hostile archives, each refused with a clear error before anything reaches the disk: the
// plugin state dir hashes the same before and after, with an earlier install in place.
import { beforeAll, describe, expect, test } from "bun:test";
import { gzipSync } from "node:zlib";
import { tgzBytes } from "../../../scripts/registry/tar-write.ts";
import { commitInstall } from "../../../src/plugins/install/commit.ts";
import { applySigned, planSigned, verifyArchive } from "../../../src/plugins/install/install.ts";
import { LIMITS } from "../../../src/plugins/install/unpack.ts";
import { signedPending, type SignedTarget } from "../../../src/plugins/install/plan.ts";
import { readLockfile } from "../../../src/plugins/install/lockfile.ts";
import type { SignedFile, TargetCustom } from "../../../src/plugins/contracts.ts";
import { checkInstalled } from "../../../src/plugins/install/index.ts";
import { custom, freshPaths, hashDir, paxPath, type RawEntry, rawTar, sha, signed, tgz } from "./fixture.ts";

const PLUGIN_JSON = JSON.stringify({ name: "demo", version: "1.0.0", publisher: "acme", capabilities: ["prompt"] });
const FILES: SignedFile[] = [signed("plugin.json", PLUGIN_JSON), signed("bin/run.sh", "#!/bin/sh\necho hi\n", 0o755), signed("commands/a.md", "# a\n")];
const GOOD: RawEntry[] = [
  { name: "plugin.json", data: PLUGIN_JSON },
  { name: "bin/run.sh", data: "#!/bin/sh\necho hi\n", mode: 0o755 },
  { name: "commands/a.md", data: "# a\n" },
];

const target = (archive: Uint8Array, c: TargetCustom, length = archive.length): SignedTarget => ({
  path: `acme/${c.name}/${c.name}-${c.version}.tgz`,
  length,
  sha256: sha(archive),
  custom: c,
  publisherKeys: ["key-1"],
});

/** The installer's real path from verified bytes to the lockfile. */
async function install(paths: ReturnType<typeof freshPaths>, archive: Uint8Array, c: TargetCustom, length?: number) {
  const t = target(archive, c, length);
  const files = verifyArchive(t, archive);
  return commitInstall(paths, signedPending(t, "test"), files);
}

let paths: ReturnType<typeof freshPaths>;
let before: string;
beforeAll(async () => {
  paths = freshPaths();
  await install(paths, tgz(GOOD), custom("demo", "1.0.0", FILES));
  before = hashDir(paths.stateDir);
});

describe("archives that install", () => {
  test("the registry builder's deterministic tgz installs into <store>/<treeHash> with the signed modes", async () => {
    const p = freshPaths();
    const archive = tgzBytes(GOOD.map((e) => ({ path: e.name, data: new TextEncoder().encode(e.data as string), mode: e.mode ?? 0o644 })));
    const entry = await install(p, archive, custom("demo", "1.0.0", FILES));
    expect(checkInstalled(entry, p)).toEqual({ ok: true, root: `${p.store}/${entry.treeHash}` });
    expect(readLockfile(p).plugins.demo?.files).toEqual(FILES);
    expect((Bun.file(`${p.store}/${entry.treeHash}/bin/run.sh`).size)).toBe(18);
    const { statSync } = await import("node:fs");
    expect(statSync(`${p.store}/${entry.treeHash}/bin/run.sh`).mode & 0o777).toBe(0o755);
    expect(statSync(`${p.store}/${entry.treeHash}/commands/a.md`).mode & 0o777).toBe(0o644);
  });

  test("a `./` root, directory entries above signed files, and a pax long name are accepted", async () => {
    const long = `${"d".repeat(120)}/file.md`;
    const files = [...FILES, signed(long, "long")];
    // Two pax headers in a row: the first one's size must not be taken as the second header's.
    const archive = tgz([{ name: "./", type: "5", mode: 0o755 }, { name: "./bin/", type: "5", mode: 0o755 }, ...GOOD.map((e) => ({ ...e, name: `./${e.name}` })), paxPath("decoy", 4), paxPath(long), { name: "ignored-short-name", data: "long", size: 0 }]);
    const entry = await install(freshPaths(), archive, custom("demo", "1.0.0", files));
    expect(entry.files.map((f) => f.path)).toContain(long);
  });
});

test("an archive made by the tar package (directory entries, `./` paths) installs", async () => {
  const { create } = await import("tar");
  const { chmodSync, mkdirSync, mkdtempSync, writeFileSync } = await import("node:fs");
  const { join } = await import("node:path");
  const dir = mkdtempSync(join((await import("node:os")).tmpdir(), "keel-tarsrc-"));
  for (const e of GOOD) {
    mkdirSync(join(dir, e.name, ".."), { recursive: true });
    writeFileSync(join(dir, e.name), e.data as string);
    chmodSync(join(dir, e.name), e.mode ?? 0o644);
  }
  const out = join(dir, "..", `${Date.now()}-demo.tgz`);
  await create({ gzip: true, file: out, cwd: dir, portable: true }, ["."]);
  const entry = await install(freshPaths(), new Uint8Array(await Bun.file(out).arrayBuffer()), custom("demo", "1.0.0", FILES));
  expect(entry.files).toEqual(FILES);
});

describe("archives that are refused, leaving the state dir as it was", () => {
  const bomb = () => {
    // 64 MiB of zeros behind a valid header: 64 KiB on the wire, the cap stops inflation long before the end.
    const tar = Buffer.concat([rawTar([{ name: "plugin.json", data: "" }], new Uint8Array(0)), Buffer.alloc(64 * 1024 * 1024)]);
    return new Uint8Array(gzipSync(tar));
  };
  const cases: Array<[string, () => Uint8Array, string, SignedFile[]?]> = [
    ["a ../ path", () => tgz([...GOOD, { name: "../evil.sh", data: "x" }]), "`..` segment"],
    ["a ../ hidden in the ustar prefix", () => tgz([...GOOD, { name: "evil.sh", prefix: "commands/../..", data: "x" }]), "`..` segment"],
    ["a ../ in a pax path", () => tgz([...GOOD, paxPath("../../evil.sh"), { name: "evil.sh", data: "x" }]), "`..` segment"],
    ["an absolute path", () => tgz([...GOOD, { name: "/etc/cron.d/evil", data: "x" }]), "an absolute path"],
    ["a symbolic link", () => tgz([...GOOD, { name: "link", type: "2", linkname: "/etc/passwd" }]), "is a symbolic link: only regular files and directories"],
    ["a hard link", () => tgz([...GOOD, { name: "hard", type: "1", linkname: "plugin.json" }]), "is a hard link"],
    ["a character device", () => tgz([...GOOD, { name: "tty", type: "3" }]), "is a character device"],
    ["a block device", () => tgz([...GOOD, { name: "sda", type: "4" }]), "is a block device"],
    ["a FIFO", () => tgz([...GOOD, { name: "pipe", type: "6" }]), "is a FIFO"],
    ["a duplicate entry (a second copy overwriting the first)", () => tgz([...GOOD, { name: "commands/a.md", data: "# a\n" }]), "appears twice"],
    ["a gzip bomb", bomb, "inflates past"],
    ["more headers than the signed files can need", () => tgz([...Array.from({ length: 40 }, () => paxPath("plugin.json")), ...GOOD]), "archive: more than 27 entries"],
    ["a file not on the signed list", () => tgz([...GOOD, { name: "commands/extra.md", data: "sneaky" }]), "not on the signed list"],
    ["a directory not on the signed list", () => tgz([{ name: "hooks/", type: "5" }, ...GOOD]), "archive directory \"hooks\" is not on the signed list"],
    ["a signed file left out", () => tgz(GOOD.slice(0, 2)), "missing from the archive: commands/a.md"],
    ["a file whose bytes differ from the signed sha256", () => tgz([...GOOD.slice(0, 2), { name: "commands/a.md", data: "# b\n" }]), "does not match its signed sha256"],
    ["a file whose size differs", () => tgz([...GOOD.slice(0, 2), { name: "commands/a.md", data: "# a, longer\n" }]), "signed as 4"],
    ["a setuid mode", () => tgz([GOOD[0] as RawEntry, { ...(GOOD[1] as RawEntry), mode: 0o4755 }, GOOD[2] as RawEntry]), "has mode 4755, signed as 755"],
    ["a header whose size runs past the end", () => tgz([...GOOD.slice(0, 2), { name: "commands/a.md", data: "# a\n", size: 1 << 20 }], new Uint8Array(0)), "truncated"],
    ["bytes hidden after the end-of-archive marker", () => tgz(GOOD, Buffer.concat([Buffer.alloc(1024), Buffer.from("hidden payload")])), "after the end-of-archive marker"],
    ["a corrupt header", () => { const t = rawTar(GOOD); t[0] = 0x41; return new Uint8Array(gzipSync(t)); }, "bad header checksum"],
    ["bytes that are not gzip", () => rawTar(GOOD), "not a gzip archive"],
    ["a signed list that itself climbs out", () => tgz([...GOOD, { name: "x", data: "x" }]), "signed file: \"../x\" is refused", [...FILES, signed("../x", "x")]],
    ["a signed list naming a path twice", () => tgz(GOOD), "listed twice", [...FILES, FILES[0] as SignedFile]],
  ];
  for (const [name, make, message, files] of cases) {
    test(name, async () => {
      await expect(install(paths, make(), custom("demo", "2.0.0", files ?? FILES))).rejects.toThrow(message);
      expect(hashDir(paths.stateDir)).toBe(before);
    });
  }

  test("a download longer than the signed length", async () => {
    const archive = tgz(GOOD);
    await expect(install(paths, archive, custom("demo", "2.0.0", FILES), archive.length - 1)).rejects.toThrow("more than the signed");
    expect(hashDir(paths.stateDir)).toBe(before);
  });

  test("an archive whose sha256 is not the signed one", async () => {
    const archive = tgz(GOOD);
    const t = { ...target(archive, custom("demo", "2.0.0", FILES)), sha256: sha("something else") };
    expect(() => verifyArchive(t, archive)).toThrow("does not match its signed length and sha256");
  });

  test("a revoked version", () => {
    const archive = tgz(GOOD);
    expect(() => signedPending(target(archive, custom("demo", "2.0.0", FILES, { revoked: "leaked key" })), "test")).toThrow("demo 2.0.0 was revoked by its publisher: leaked key; nothing was installed");
    expect(hashDir(paths.stateDir)).toBe(before);
  });

  test("signed strings the consent prompt prints may not hold terminal controls (erasing the capability lines)", () => {
    const archive = tgz(GOOD);
    for (const extra of [{ flag: "beta\u001b[3A\u001b[J" }, { description: "fine\u001b[8m" }, { engine: ">=0.1.0\u202e" }]) {
      expect(() => signedPending(target(archive, custom("demo", "2.0.0", FILES, extra)), "test")).toThrow(/holds control or bidirectional characters/);
    }
    expect(hashDir(paths.stateDir)).toBe(before);
  });

  test("a plugin.json that disagrees with the signed custom data", async () => {
    const other = JSON.stringify({ name: "demo", version: "9.9.9" });
    const files = [signed("plugin.json", other)];
    await expect(install(paths, tgz([{ name: "plugin.json", data: other }]), custom("demo", "2.0.0", files))).rejects.toThrow("plugin.json says demo 9.9.9");
    expect(hashDir(paths.stateDir)).toBe(before);
  });

  // The runtime reads the tree's manifest (the host's sandbox from its capabilities, the flag
  // gate from its flag): a manifest that says more than was signed must never be installed.
  const manifestCases: Array<[string, () => { entries: RawEntry[]; c: TargetCustom }, string]> = [
    [
      "a plugin.json declaring capabilities the signed data does not (network, write-files)",
      () => {
        const pj = JSON.stringify({ name: "demo", version: "2.0.0", publisher: "acme", capabilities: ["prompt", "network", "write-files"] });
        return { entries: [{ name: "plugin.json", data: pj }], c: custom("demo", "2.0.0", [signed("plugin.json", pj)]) };
      },
      'its plugin.json declares capabilities ["network","prompt","write-files"], but ["prompt"] were signed',
    ],
    [
      "a plugin.json naming another publisher",
      () => {
        const pj = JSON.stringify({ name: "demo", version: "2.0.0", publisher: "evil", capabilities: ["prompt"] });
        return { entries: [{ name: "plugin.json", data: pj }], c: custom("demo", "2.0.0", [signed("plugin.json", pj)]) };
      },
      'its plugin.json names publisher "evil", but "acme" signed it',
    ],
    [
      "a plugin.json with no flag where the signed data gates the plugin on one",
      () => {
        const pj = JSON.stringify({ name: "demo", version: "2.0.0", publisher: "acme", capabilities: ["prompt"] });
        return { entries: [{ name: "plugin.json", data: pj }], c: custom("demo", "2.0.0", [signed("plugin.json", pj)], { flag: "demo_beta" }) };
      },
      'its plugin.json has flag (none), but "demo_beta" was signed',
    ],
    [
      "a keel-format archive with no plugin.json (the loader would fall back to whatever else it holds)",
      () => {
        const cj = JSON.stringify({ name: "other" });
        return { entries: [{ name: ".claude-plugin/plugin.json", data: cj }], c: custom("demo", "2.0.0", [signed(".claude-plugin/plugin.json", cj)]) };
      },
      "has no plugin.json, which its signed format (keel) needs",
    ],
    [
      "a claude-format archive whose .claude-plugin/plugin.json names another plugin",
      () => {
        const cj = JSON.stringify({ name: "other", version: "2.0.0" });
        return { entries: [{ name: ".claude-plugin/plugin.json", data: cj }], c: custom("demo", "2.0.0", [signed(".claude-plugin/plugin.json", cj)], { format: "claude" }) };
      },
      "its .claude-plugin/plugin.json says other 2.0.0, not what was signed",
    ],
    [
      "a claude-format archive that also ships a keel plugin.json (the loader reads that one first)",
      () => {
        const cj = JSON.stringify({ name: "demo", version: "2.0.0" });
        const pj = JSON.stringify({ name: "demo", version: "2.0.0", publisher: "acme", capabilities: ["network", "write-files"], contributes: { hostModules: ["x.js"] } });
        return {
          entries: [{ name: ".claude-plugin/plugin.json", data: cj }, { name: "plugin.json", data: pj }],
          c: custom("demo", "2.0.0", [signed(".claude-plugin/plugin.json", cj), signed("plugin.json", pj)], { format: "claude" }),
        };
      },
      "ships a plugin.json too, which would load it as a keel plugin with capabilities it declares itself",
    ],
  ];
  for (const [name, make, message] of manifestCases) {
    test(name, async () => {
      const { entries, c } = make();
      await expect(install(paths, tgz(entries), c)).rejects.toThrow(message);
      expect(hashDir(paths.stateDir)).toBe(before);
    });
  }

  test("a signed length past any plugin's size is refused before a byte is downloaded", async () => {
    const archive = tgz(GOOD);
    const t = target(archive, custom("demo", "2.0.0", FILES), LIMITS.maxUnpackedBytes + 1);
    let downloads = 0;
    const registry = { source: { id: "test" }, resolve: async () => t, download: async () => (downloads++, archive) };
    const plan = await planSigned(registry, paths, "demo");
    await expect(applySigned(registry, paths, plan)).rejects.toThrow(`demo 2.0.0: its signed length (${LIMITS.maxUnpackedBytes + 1} bytes) is over the ${LIMITS.maxUnpackedBytes} bytes any plugin archive may have; nothing was downloaded`);
    expect(downloads).toBe(0);
    expect(hashDir(paths.stateDir)).toBe(before);
  });

  test("a failed first install leaves no plugins directory at all", async () => {
    const p = freshPaths();
    await expect(install(p, tgz([...GOOD, { name: "link", type: "2", linkname: "/" }]), custom("demo", "1.0.0", FILES))).rejects.toThrow("symbolic link");
    expect(hashDir(p.root)).toBe("absent");
  });
});
