import { expect, test } from "bun:test";
import { newPrivateKeyPem, signMetadata, tufKey, verifySignature } from "../../src/plugins/ed25519.ts";

test("a signature verifies with its key and fails on tampered data or another key", () => {
  const pem = newPrivateKeyPem();
  const other = newPrivateKeyPem();
  const signed = { _type: "timestamp", version: 3 };
  const { sig } = signMetadata(signed, pem);
  expect(verifySignature(signed, sig, tufKey(pem))).toBe(true);
  expect(verifySignature({ ...signed, version: 4 }, sig, tufKey(pem))).toBe(false);
  expect(verifySignature(signed, sig, tufKey(other))).toBe(false);
});
