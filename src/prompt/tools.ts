// Tools come first in the cached prefix (tools → system → messages), so their bytes must
// not move during a session: they are sorted by name, deep-copied and frozen once. A tool
// added later reaches the model only when the session's prompt is rebuilt (and the
// rebuild is visible as a new prefix fingerprint).
import { createHash } from "node:crypto";
import type { Tool as ApiTool } from "@anthropic-ai/sdk/resources/messages";
import { KeelError } from "../errors.ts";

export type { ApiTool };

export interface FrozenTools {
  readonly tools: readonly ApiTool[];
  readonly names: readonly string[];
  /** sha256 of the serialized tool list: equal fingerprints mean an identical tools prefix. */
  readonly fingerprint: string;
}

const FROZEN = Symbol("keel.frozenTools");

export function freezeTools(defs: readonly ApiTool[]): FrozenTools {
  const sorted = defs.map((d) => deepFreeze(structuredClone(d))).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]?.name === sorted[i - 1]?.name) throw new KeelError(`two tools are named "${sorted[i]?.name}"`);
  }
  const json = JSON.stringify(sorted);
  const frozen = {
    tools: Object.freeze(sorted),
    names: Object.freeze(sorted.map((t) => t.name)),
    fingerprint: createHash("sha256").update(json).digest("hex"),
    [FROZEN]: true,
  };
  return Object.freeze(frozen);
}

export const isFrozenTools = (x: unknown): x is FrozenTools =>
  typeof x === "object" && x !== null && (x as Record<symbol, unknown>)[FROZEN] === true;

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
