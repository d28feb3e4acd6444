// Reactions to session events in the companion's voice. The n-th event of a kind gets the
// n-th line of that kind (wrapping), so a session's remarks are deterministic and do not
// repeat back to back. Successful tool calls are too frequent to remark on.
import { companion } from "./companion.js";
import { SPECIES } from "./species.js";
import { VOICES } from "./voices.js";

/** @type {Map<string, number>} per host process: how many events of each kind so far */
const seen = new Map();

/**
 * @param {string} id
 * @param {{ kind: string, detail?: string }} event
 * @returns {string | undefined}
 */
export function reaction(id, event) {
  const card = companion(id);
  const species = SPECIES.find((s) => s.id === card.species);
  const lines = species && /** @type {Record<string, readonly string[] | undefined>} */ (VOICES[species.temperament])[event.kind];
  if (!species || !lines || lines.length === 0) return undefined;
  const n = seen.get(event.kind) ?? 0;
  seen.set(event.kind, n + 1);
  return `${species.sound} ${lines[n % lines.length]}`;
}

/** For tests: forget the counts, as a fresh host process would. */
export function resetReactions() {
  seen.clear();
}
