// The linear replacements for @tufjs/models' quadratic map building must be indistinguishable
// from the originals: same objects (equals), same JSON (what signatures are checked over), the
// same errors for malformed input, and "__proto__" kept as an ordinary key.
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Metadata, MetadataKind } from "@tufjs/models";
import { Snapshot, Targets } from "@tufjs/models";
import { LINEAR, withOriginalModels } from "../../../src/plugins/registry/tuf-linear.ts";
import { makeRegistry, samplePlugin } from "../../support/registry/fixture.ts";

type Json = Record<string, unknown>;
const fx = makeRegistry({ plugins: [samplePlugin("hello"), samplePlugin("hello", { version: "1.1.0" }), samplePlugin("lint-fix", { publisher: "bolt" })] });
const signedOf = (file: string) => (JSON.parse(readFileSync(join(fx.dir, "metadata", file), "utf8")) as { signed: Json }).signed;

const common = { _type: "snapshot", spec_version: "1.0.31", version: 3, expires: "2030-01-01T00:00:00Z" };
const snapshots: Json[] = [
  signedOf("1.snapshot.json"),
  { ...common },
  { ...common, meta: { __proto__: { version: 1 }, "a.json": { version: 2, length: 5, hashes: { sha256: "00" } } }, extra: { kept: true } },
];
const targetsCommon = { ...common, _type: "targets" };
const targets: Json[] = [
  signedOf("1.targets.json"),
  signedOf("1.acme.json"),
  { ...targetsCommon },
  { ...targetsCommon, targets: { "x/y": { length: 1, hashes: { sha256: "ab" }, custom: { a: 1 } } }, delegations: { keys: {}, roles: [{ name: "p", keyids: [], threshold: 1, terminating: false, paths: ["p/*"] }, { name: "p", keyids: [], threshold: 2, terminating: true, paths: ["q/*"] }] } },
  { ...targetsCommon, delegations: { keys: {}, succinct_roles: { keyids: [], threshold: 1, bit_length: 2, name_prefix: "bin" } } },
];
const malformed: [string, Json][] = [
  ["snapshot", { ...common, meta: [1] }],
  ["snapshot", { ...common, meta: "x" }],
  ["targets", { ...targetsCommon, targets: "x" }],
  ["targets", { ...targetsCommon, delegations: 5 }],
  ["targets", { ...targetsCommon, delegations: { roles: [] } }],
  ["targets", { ...targetsCommon, delegations: { keys: {}, roles: {} } }],
  ["targets", { ...targetsCommon, delegations: { keys: {}, roles: [{ name: "root", keyids: [], threshold: 1, terminating: true, paths: [] }] } }],
];

const outcome = (f: () => { toJSON(): Json }) => {
  try {
    return { json: f().toJSON() };
  } catch (e) {
    return { error: `${(e as Error).constructor.name}: ${(e as Error).message}` };
  }
};

describe("linear @tufjs/models mappings", () => {
  test.each(snapshots.map((s, i) => [i, s]))("snapshot %i parses and serialises exactly as the original", (_, s) => {
    const a = withOriginalModels(() => Snapshot.fromJSON(s as never));
    const aJson = withOriginalModels(() => a.toJSON());
    const b = LINEAR.snapshotFromJSON(s);
    expect(b.equals(a)).toBe(true);
    expect(LINEAR.snapshotToJSON.call(b)).toEqual(aJson);
    expect(Object.keys(LINEAR.snapshotToJSON.call(b).meta as Json)).toEqual(Object.keys(aJson.meta as Json));
  });

  test.each(targets.map((t, i) => [i, t]))("targets %i (with delegations, succinct roles, duplicates) parses and serialises exactly as the original", (_, t) => {
    const a = withOriginalModels(() => Targets.fromJSON(t as never));
    const aJson = withOriginalModels(() => a.toJSON());
    const b = LINEAR.targetsFromJSON(t);
    expect(b.equals(a)).toBe(true);
    expect(LINEAR.targetsToJSON.call(b)).toEqual(aJson);
  });

  test.each(malformed.map(([k, d], i) => [i, k, d] as const))("malformed %i (%s) fails the same way", (_, kind, data) => {
    const orig = () => withOriginalModels(() => (kind === "snapshot" ? Snapshot.fromJSON(data as never) : Targets.fromJSON(data as never)));
    const lin = kind === "snapshot" ? () => LINEAR.snapshotFromJSON(data) : () => LINEAR.targetsFromJSON(data);
    const expected = outcome(orig);
    expect(expected.error).toBeDefined();
    expect(outcome(lin)).toEqual(expected);
  });

  test("once installed, Metadata.fromJSON uses them and still verifies real signatures", async () => {
    const { installLinearModels } = await import("../../../src/plugins/registry/tuf-linear.ts");
    installLinearModels();
    const root = Metadata.fromJSON(MetadataKind.Root, JSON.parse(readFileSync(join(fx.dir, "metadata/1.root.json"), "utf8")));
    const snap = Metadata.fromJSON(MetadataKind.Snapshot, JSON.parse(readFileSync(join(fx.dir, "metadata/1.snapshot.json"), "utf8")));
    const top = Metadata.fromJSON(MetadataKind.Targets, JSON.parse(readFileSync(join(fx.dir, "metadata/1.targets.json"), "utf8")));
    expect(() => root.verifyDelegate("snapshot", snap)).not.toThrow();
    expect(() => root.verifyDelegate("targets", top)).not.toThrow();
    const acme = Metadata.fromJSON(MetadataKind.Targets, JSON.parse(readFileSync(join(fx.dir, "metadata/1.acme.json"), "utf8")));
    expect(() => top.verifyDelegate("acme", acme)).not.toThrow();
    expect(() => top.verifyDelegate("bolt", acme)).toThrow(/bolt was signed by 0\/1 keys/);
  });
});
