// Checks tuf-js leaves out. @tufjs/models counts distinct key *ids* toward a threshold and
// never ties an id to its key, so one key listed under two ids would count twice. Every keys
// map (root, and each delegating targets role) is refused unless each id is the TUF key id
// of its key (sha256 of the canonical key) and no public key appears twice.
import { keyId, type TufKey } from "../ed25519.ts";
import { RegistryError } from "./types.ts";

type KeyMap = Record<string, { keytype?: unknown; scheme?: unknown; keyval?: { public?: unknown } }>;

function checkKeyMap(keys: KeyMap | undefined, file: string, where: string): void {
  if (!keys || typeof keys !== "object") return;
  const seen = new Map<string, string>();
  for (const [id, key] of Object.entries(keys)) {
    const pub = String(key?.keyval?.public ?? "");
    const other = seen.get(pub);
    if (other !== undefined) {
      throw new RegistryError(`${where}: ${file} lists one key under two key ids (${other.slice(0, 12)}…, ${id.slice(0, 12)}…): a key may count only once toward a threshold`);
    }
    seen.set(pub, id);
    if (key.keytype !== "ed25519" || key.scheme !== "ed25519") {
      throw new RegistryError(`${where}: ${file}: key ${id.slice(0, 12)}… is ${String(key.keytype)}/${String(key.scheme)}; keel registries use ed25519 keys`);
    }
    if (keyId({ keytype: "ed25519", scheme: "ed25519", keyval: { public: pub } } as TufKey) !== id) {
      throw new RegistryError(`${where}: ${file}: key id ${id.slice(0, 12)}… is not the sha256 of its key, so it cannot be counted`);
    }
  }
}

/** Inspects root and targets metadata bytes before tuf-js sees them. Bad JSON is left to tuf-js. */
export function checkMetadataKeys(bytes: Uint8Array, file: string, where: string): void {
  let doc: { signed?: { _type?: string; keys?: KeyMap; delegations?: { keys?: KeyMap } } };
  try {
    doc = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return;
  }
  const signed = doc?.signed;
  if (signed?._type === "root") checkKeyMap(signed.keys, file, where);
  if (signed?._type === "targets") checkKeyMap(signed.delegations?.keys, file, where);
}
