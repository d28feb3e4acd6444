// Why key-checks.ts exists: tuf-js (via @tufjs/models) counts distinct key ids toward a
// threshold, so one key under two ids meets a threshold of 2 on its own. Our check refuses
// such a keys map before tuf-js counts anything.
import { expect, test } from "bun:test";
import { Metadata, MetadataKind } from "@tufjs/models";
import { generateKeys, publicSide, sign } from "../../../scripts/registry/index.ts";
import { RegistryError } from "../../../src/plugins/registry/index.ts";
import { checkMetadataKeys } from "../../../src/plugins/registry/key-checks.ts";

const keys = generateKeys([]);
const pem = keys.targets.keys[0] as string;
const side = publicSide(keys.targets);
const realId = side.keyids[0] as string;
const fake = "f".repeat(64);
const key = side.keys[realId];

const root = (ids: Record<string, unknown>, keyids: string[]) => ({
  _type: "root",
  spec_version: "1.0.31",
  version: 1,
  expires: "2031-01-01T00:00:00Z",
  consistent_snapshot: true,
  keys: ids,
  roles: Object.fromEntries(["root", "snapshot", "targets", "timestamp"].map((r) => [r, { keyids, threshold: 2 }])),
});

test("tuf-js alone lets one key listed under two ids meet a threshold of 2", () => {
  const body = root({ [realId]: key, [fake]: key }, [realId, fake]);
  const env = sign(body, [pem]);
  env.signatures.push({ keyid: fake, sig: (env.signatures[0] as { sig: string }).sig });
  const md = Metadata.fromJSON(MetadataKind.Root, env as never);
  expect(() => md.verifyDelegate("root", md)).not.toThrow(); // the gap key-checks closes
  expect(() => checkMetadataKeys(new TextEncoder().encode(JSON.stringify(env)), "1.root.json", "test")).toThrow(/1\.root\.json lists one key under two key ids/);
});

test("a key id that is not the key's own sha256 is refused, as is a non-ed25519 key", () => {
  const wrongId = sign(root({ [fake]: key }, [fake]), [pem]);
  expect(() => checkMetadataKeys(new TextEncoder().encode(JSON.stringify(wrongId)), "1.root.json", "test")).toThrow(/key id ffffffffffff… is not the sha256 of its key/);
  const rsa = sign(root({ [realId]: { ...key, keytype: "rsa", scheme: "rsassa-pss-sha256" } }, [realId]), [pem]);
  expect(() => checkMetadataKeys(new TextEncoder().encode(JSON.stringify(rsa)), "1.root.json", "test")).toThrow(RegistryError);
});

test("honest root and delegating targets metadata pass", () => {
  const honest = sign(root({ [realId]: key }, [realId]), [pem]);
  expect(() => checkMetadataKeys(new TextEncoder().encode(JSON.stringify(honest)), "1.root.json", "test")).not.toThrow();
  const targets = { signed: { _type: "targets", delegations: { keys: side.keys, roles: [] } }, signatures: [] };
  expect(() => checkMetadataKeys(new TextEncoder().encode(JSON.stringify(targets)), "1.targets.json", "test")).not.toThrow();
});
