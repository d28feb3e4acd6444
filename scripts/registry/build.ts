// Builds a signed registry directory from plugin sources:
//   metadata/N.root.json            every root version (clients walk the chain to rotate)
//   metadata/timestamp.json         → N.snapshot.json → N.targets.json → N.<publisher>.json
//   targets/<sha256>.catalog.json   the browse catalog, a target of top-level targets
//   targets/<publisher>/<name>/<sha256>.<name>-<version>.tgz
//   embedded.bundle                 all of the above in one file, for the binary to embed
// Consistent snapshots throughout. Given the previous build, a role keeps its version when its
// content is unchanged and takes the next one when it changed, so rebuilding the same inputs
// is byte-identical and changed inputs always look newer to a client.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import semver from "semver";
import { canonicalJson } from "../../src/plugins/canonical-json.ts";
import type { TargetCustom } from "../../src/plugins/contracts.ts";
import { keyId, tufKey } from "../../src/plugins/ed25519.ts";
import { sha256Hex as sha256 } from "../../src/plugins/install/tree-hash.ts";
import { BUNDLE_FILE, BUNDLE_FORMAT, CATALOG_TARGET, EXPIRES, SPEC_VERSION } from "./constants.ts";
import type { RegistryKeys } from "./keys.ts";
import { type PackedPlugin, packPlugin, type PluginInput } from "./plugin-source.ts";
import { type Envelope, publicSide, serialize, sign, signersOf } from "./sign.ts";

export type TopRole = "root" | "targets" | "snapshot" | "timestamp";

export interface BuildOptions {
  outDir: string;
  plugins: PluginInput[];
  keys: RegistryKeys;
  /** A previous build (may be outDir itself): versions carry over or bump, its roots are kept. */
  previous?: string;
  /** Publisher for Claude Code plugins, whose manifests name none (default "keel"). */
  claudePublisher?: string;
  expires?: Partial<Record<keyof typeof EXPIRES, string>>;
  /** Forced versions, for hostile test registries (rollback, mix and match). */
  versions?: Partial<Record<TopRole, number>>;
  /** Keys of the previous root that also sign a rotated root (TUF needs both thresholds). */
  previousRootKeys?: string[];
  /** Write embedded.bundle (default true). */
  bundle?: boolean;
  /**
   * Hostile test registries: change a role's signed body just before it is signed (role is
   * "root", "targets", "snapshot", "timestamp" or a publisher), its envelope just after, or the
   * catalog. Everything downstream (hashes, lengths, snapshot, timestamp) follows the change.
   */
  hooks?: {
    signed?(role: string, signed: Record<string, unknown>): void;
    envelope?(role: string, env: Envelope): void;
    catalog?(catalog: CatalogFileShape): void;
  };
}

export interface BuildResult {
  outDir: string;
  /** Every file written, relative to outDir, sorted. */
  files: string[];
  versions: Record<TopRole, number> & { publishers: Record<string, number> };
  plugins: PackedPlugin[];
}

/** The catalog target's content (validated by the client as CatalogFile). */
export interface CatalogFileShape {
  format: "keel-catalog/1";
  /** One row per plugin name: its live versions (newest first), revoked ones with reasons, and the newest live version's custom data (which names it). */
  plugins: { versions: string[]; revoked?: Record<string, string>; latest: TargetCustom }[];
}

const RESERVED_ROLES = new Set(["root", "targets", "snapshot", "timestamp"]);

interface Previous {
  roots: Map<number, Uint8Array>;
  signed: Map<string, Record<string, unknown>>;
  /** role → the key ids that signed it (a change of signer is a change of file). */
  signers: Map<string, string[]>;
}

function readEnvelope(file: string): Envelope | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Envelope) : undefined;
}

/** What the previous build signed, role by role, read before anything is overwritten. */
function readPrevious(dir: string | undefined): Previous {
  const prev: Previous = { roots: new Map(), signed: new Map(), signers: new Map() };
  const keep = (role: string, env: Envelope) => {
    prev.signed.set(role, env.signed);
    prev.signers.set(role, env.signatures.map((s) => s.keyid).sort());
  };
  if (!dir || !existsSync(join(dir, "metadata"))) return prev;
  const meta = join(dir, "metadata");
  for (const f of readdirSync(meta)) {
    const m = /^(\d+)\.root\.json$/.exec(f);
    if (m) prev.roots.set(Number(m[1]), new Uint8Array(readFileSync(join(meta, f))));
  }
  const top = Math.max(0, ...prev.roots.keys());
  if (top) keep("root", JSON.parse(new TextDecoder().decode(prev.roots.get(top))) as Envelope);
  const ts = readEnvelope(join(meta, "timestamp.json"));
  if (!ts) return prev;
  keep("timestamp", ts);
  const snapVersion = (ts.signed.meta as Record<string, { version: number }>)["snapshot.json"]?.version;
  const snap = readEnvelope(join(meta, `${snapVersion}.snapshot.json`));
  if (!snap) return prev;
  keep("snapshot", snap);
  for (const [file, info] of Object.entries(snap.signed.meta as Record<string, { version: number }>)) {
    const env = readEnvelope(join(meta, `${info.version}.${file}`));
    if (env) keep(file.replace(/\.json$/, ""), env);
  }
  return prev;
}

/** The previous version when neither content nor signers change, else the next one. */
function versionFor(role: string, body: Record<string, unknown>, signers: readonly string[] | undefined, prev: Previous, forced?: number): number {
  if (forced !== undefined) return forced;
  const old = prev.signed.get(role);
  if (!old) return 1;
  const ids = signers && [...new Set(signers.map((pem) => keyId(tufKey(pem))))].sort();
  const same = canonicalJson({ ...old, version: 0 }) === canonicalJson({ ...body, version: 0 }) && (!ids || canonicalJson(prev.signers.get(role) ?? []) === canonicalJson(ids));
  return same ? (old.version as number) : (old.version as number) + 1;
}

const hashedName = (path: string, hash: string) => {
  const slash = path.lastIndexOf("/");
  return slash === -1 ? `${hash}.${path}` : `${path.slice(0, slash)}/${hash}.${path.slice(slash + 1)}`;
};

function catalogOf(plugins: PackedPlugin[]): CatalogFileShape {
  const byName = new Map<string, PackedPlugin[]>();
  for (const p of plugins) byName.set(p.custom.name, [...(byName.get(p.custom.name) ?? []), p]);
  const rows: CatalogFileShape["plugins"] = [];
  for (const [name, list] of [...byName].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const publishers = new Set(list.map((p) => p.custom.publisher));
    if (publishers.size > 1) throw new Error(`plugin name ${name} is published by ${[...publishers].join(" and ")}: names must be unique in a registry`);
    const sorted = [...list].sort((a, b) => semver.rcompare(a.custom.version, b.custom.version));
    const live = sorted.filter((p) => !p.custom.revoked);
    const newest = (live[0] ?? sorted[0]) as PackedPlugin;
    const revoked = Object.fromEntries(sorted.filter((p) => p.custom.revoked).map((p) => [p.custom.version, p.custom.revoked as string]));
    rows.push({ versions: live.map((p) => p.custom.version), ...(Object.keys(revoked).length ? { revoked } : {}), latest: structuredClone(newest.custom) });
  }
  return { format: "keel-catalog/1", plugins: rows };
}

export function buildRegistry(o: BuildOptions): BuildResult {
  const prev = readPrevious(o.previous);
  const signRole = (role: string, body: Record<string, unknown>, pems: readonly string[]): Envelope => {
    o.hooks?.signed?.(role, body);
    const env = sign(body, pems);
    o.hooks?.envelope?.(role, env);
    return env;
  };
  const expires = { ...EXPIRES, ...o.expires };
  const packed = o.plugins.map((p) => packPlugin(p, { claudePublisher: o.claudePublisher ?? "keel" }));
  const seen = new Set<string>();
  for (const p of packed) {
    if (seen.has(p.path)) throw new Error(`${p.path} is built twice (two sources with the same name and version)`);
    seen.add(p.path);
  }
  const out = new Map<string, Uint8Array>();
  const versions: BuildResult["versions"] = { root: 0, targets: 0, snapshot: 0, timestamp: 0, publishers: {} };
  const snapshotMeta: Record<string, { version: number; length: number; hashes: { sha256: string } }> = {};
  const metaFile = (role: string, env: Envelope) => {
    const bytes = serialize(env);
    out.set(`metadata/${env.signed.version}.${role}.json`, bytes);
    snapshotMeta[`${role}.json`] = { version: env.signed.version as number, length: bytes.length, hashes: { sha256: sha256(bytes) } };
  };
  const addTarget = (path: string, bytes: Uint8Array) => {
    const hash = sha256(bytes);
    out.set(`targets/${hashedName(path, hash)}`, bytes);
    return { length: bytes.length, hashes: { sha256: hash } };
  };

  // Publishers' delegated roles: each signs only its own namespace.
  const publishers = [...new Set(packed.map((p) => p.custom.publisher))].sort();
  for (const pub of publishers) {
    if (RESERVED_ROLES.has(pub)) throw new Error(`publisher name ${pub} is reserved for a top-level TUF role`);
    const keys = o.keys.publishers[pub];
    if (!keys) throw new Error(`no keys for publisher ${pub} (expected publisher-${pub}.pem in the keys directory)`);
    const targets: Record<string, unknown> = {};
    for (const p of packed.filter((x) => x.custom.publisher === pub).sort((a, b) => (a.path < b.path ? -1 : 1))) {
      targets[p.path] = { ...addTarget(p.path, p.archive), custom: { keel: structuredClone(p.custom) } };
    }
    const body = { _type: "targets", spec_version: SPEC_VERSION, version: 0, expires: expires.publisher, targets };
    body.version = versionFor(pub, body, signersOf(keys), prev);
    versions.publishers[pub] = body.version;
    metaFile(pub, signRole(pub, body, signersOf(keys)));
  }

  // Top-level targets: the catalog, and one terminating delegation per publisher.
  const catalog = catalogOf(packed);
  o.hooks?.catalog?.(catalog);
  const catalogBytes = new TextEncoder().encode(JSON.stringify(catalog));
  const delegationKeys: Record<string, unknown> = {};
  const roles = publishers.map((pub) => {
    const side = publicSide(o.keys.publishers[pub] as RegistryKeys["publishers"][string]);
    Object.assign(delegationKeys, side.keys);
    return { name: pub, keyids: side.keyids, threshold: side.threshold, terminating: true, paths: [`${pub}/*/*`] };
  });
  const targetsBody = {
    _type: "targets",
    spec_version: SPEC_VERSION,
    version: 0,
    expires: expires.targets,
    targets: { [CATALOG_TARGET]: addTarget(CATALOG_TARGET, catalogBytes) },
    delegations: { keys: delegationKeys, roles },
  };
  targetsBody.version = versionFor("targets", targetsBody, signersOf(o.keys.targets), prev, o.versions?.targets);
  versions.targets = targetsBody.version;
  metaFile("targets", signRole("targets", targetsBody, signersOf(o.keys.targets)));

  const snapshotBody = { _type: "snapshot", spec_version: SPEC_VERSION, version: 0, expires: expires.snapshot, meta: sortKeys(snapshotMeta) };
  snapshotBody.version = versionFor("snapshot", snapshotBody, signersOf(o.keys.snapshot), prev, o.versions?.snapshot);
  versions.snapshot = snapshotBody.version;
  const snapshotBytes = serialize(signRole("snapshot", snapshotBody, signersOf(o.keys.snapshot)));
  out.set(`metadata/${snapshotBody.version}.snapshot.json`, snapshotBytes);

  const timestampBody = {
    _type: "timestamp",
    spec_version: SPEC_VERSION,
    version: 0,
    expires: expires.timestamp,
    meta: { "snapshot.json": { version: snapshotBody.version, length: snapshotBytes.length, hashes: { sha256: sha256(snapshotBytes) } } },
  };
  timestampBody.version = versionFor("timestamp", timestampBody, signersOf(o.keys.timestamp), prev, o.versions?.timestamp);
  versions.timestamp = timestampBody.version;
  out.set("metadata/timestamp.json", serialize(signRole("timestamp", timestampBody, signersOf(o.keys.timestamp))));

  // Root last: it only names keys, and a changed root is a rotation signed by old and new keys.
  const rootKeys: Record<string, unknown> = {};
  const rootRoles: Record<string, unknown> = {};
  for (const r of ["root", "snapshot", "targets", "timestamp"] as const) {
    const side = publicSide(o.keys[r]);
    Object.assign(rootKeys, side.keys);
    rootRoles[r] = { keyids: side.keyids, threshold: side.threshold };
  }
  const rootBody = { _type: "root", spec_version: SPEC_VERSION, version: 0, expires: expires.root, keys: sortKeys(rootKeys), roles: rootRoles, consistent_snapshot: true };
  // Root's signers follow from its content (a rotation adds the old keys), so content decides.
  rootBody.version = versionFor("root", rootBody, undefined, prev, o.versions?.root);
  versions.root = rootBody.version;
  const previousRoot = prev.signed.get("root");
  if (previousRoot && rootBody.version > (previousRoot.version as number) && !o.previousRootKeys) {
    throw new Error(`the root keys changed (root v${rootBody.version}): a rotated root must also be signed by v${previousRoot.version as number}'s root keys (pass previousRootKeys / --previous-root-keys)`);
  }
  for (const [v, bytes] of prev.roots) if (v < rootBody.version) out.set(`metadata/${v}.root.json`, bytes);
  const rootSigners = [...signersOf(o.keys.root), ...(rootBody.version > ((previousRoot?.version as number | undefined) ?? 0) ? (o.previousRootKeys ?? []) : [])];
  out.set(`metadata/${rootBody.version}.root.json`, serialize(signRole("root", rootBody, [...new Set(rootSigners)])));

  if (o.bundle !== false) out.set(BUNDLE_FILE, bundleBytes(out));

  // Only now touch the disk: the generated parts are replaced, anything else (README.md) stays.
  for (const part of ["metadata", "targets", BUNDLE_FILE]) rmSync(join(o.outDir, part), { recursive: true, force: true });
  for (const [rel, bytes] of out) {
    mkdirSync(dirname(join(o.outDir, rel)), { recursive: true });
    writeFileSync(join(o.outDir, rel), bytes);
  }
  return { outDir: o.outDir, files: [...out.keys()].sort(), versions, plugins: packed };
}

function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** embedded.bundle: every registry file by relative path, base64, in sorted order. */
function bundleBytes(files: Map<string, Uint8Array>): Uint8Array {
  const entries = [...files].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, Buffer.from(v).toString("base64")]);
  return new TextEncoder().encode(`${JSON.stringify({ format: BUNDLE_FORMAT, files: Object.fromEntries(entries) })}\n`);
}
