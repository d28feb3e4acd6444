// ed25519 keys and signatures (node:crypto) in TUF's shape: keyid = sha256 of the canonical public key object.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from "node:crypto";
import { canonicalJson } from "./canonical-json.ts";

export interface TufKey { keytype: "ed25519"; scheme: "ed25519"; keyval: { public: string } }

/** Raw 32-byte public key as hex, the form TUF's ed25519 keyval carries. */
export function publicKeyHex(privatePem: string): string {
  const der = createPublicKey(createPrivateKey(privatePem)).export({ format: "der", type: "spki" });
  return der.subarray(der.length - 32).toString("hex");
}

export function tufKey(privatePem: string): TufKey {
  return { keytype: "ed25519", scheme: "ed25519", keyval: { public: publicKeyHex(privatePem) } };
}

export function keyId(key: TufKey): string {
  return createHash("sha256").update(canonicalJson(key)).digest("hex");
}

export function newPrivateKeyPem(): string {
  return generateKeyPairSync("ed25519").privateKey.export({ format: "pem", type: "pkcs8" }).toString();
}

/** Signs the canonical form of `signed`, returning a TUF signature entry. */
export function signMetadata(signed: unknown, privatePem: string): { keyid: string; sig: string } {
  const sig = sign(null, Buffer.from(canonicalJson(signed)), createPrivateKey(privatePem)).toString("hex");
  return { keyid: keyId(tufKey(privatePem)), sig };
}

export function verifySignature(signed: unknown, sigHex: string, key: TufKey): boolean {
  const spki = Buffer.concat([Buffer.from("302a300506032b6570032100", "hex"), Buffer.from(key.keyval.public, "hex")]);
  const pub = createPublicKey({ key: spki, format: "der", type: "spki" });
  return verify(null, Buffer.from(canonicalJson(signed)), pub, Buffer.from(sigHex, "hex"));
}
