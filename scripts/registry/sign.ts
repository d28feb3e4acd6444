// TUF envelopes: `{signatures, signed}` with ed25519 signatures over the canonical JSON of
// `signed` — the same OLPC canonical form @tufjs/models re-derives when it verifies.
import { keyId, signMetadata, tufKey, type TufKey } from "../../src/plugins/ed25519.ts";
import type { RoleKeys } from "./keys.ts";

export interface Signature {
  keyid: string;
  sig: string;
}

export interface Envelope<T = Record<string, unknown>> {
  signatures: Signature[];
  signed: T;
}

export function sign<T>(signed: T, pems: readonly string[]): Envelope<T> {
  return { signatures: pems.map((pem) => signMetadata(signed, pem)), signed };
}

/** A role's public side: its keys by id and its key ids, in the order given. */
export function publicSide(role: RoleKeys): { keys: Record<string, TufKey>; keyids: string[]; threshold: number } {
  const keys: Record<string, TufKey> = {};
  const keyids: string[] = [];
  for (const pem of role.keys) {
    const k = tufKey(pem);
    const id = keyId(k);
    keys[id] = k;
    keyids.push(id);
  }
  return { keys, keyids, threshold: role.threshold ?? 1 };
}

export const signersOf = (role: RoleKeys): readonly string[] => role.signers ?? role.keys;

/**
 * Metadata bytes as written: compact JSON, newline-terminated. Every client parses (and
 * tuf-js re-canonicalises) each byte on every refresh, and a large registry's targets role
 * runs to hundreds of KB; `jq . file` reads it when a person needs to.
 */
export const serialize = (env: unknown): Uint8Array => new TextEncoder().encode(`${JSON.stringify(env)}\n`);
