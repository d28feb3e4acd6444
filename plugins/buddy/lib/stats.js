// The five stats, 0–100. Every stat starts at the tier's floor (rarer companions are better
// all round); one peak stat is drawn from a range above every other stat's, so each
// companion has exactly one thing it is best at.
import { between, pick } from "./random.js";

/** @typedef {"debugging" | "snark" | "patience" | "chaos" | "wisdom"} StatId */

/** @type {readonly { id: StatId, label: string }[]} */
export const STATS = Object.freeze([
  { id: "debugging", label: "Debugging" },
  { id: "snark", label: "Snark" },
  { id: "patience", label: "Patience" },
  { id: "chaos", label: "Chaos" },
  { id: "wisdom", label: "Wisdom" },
]);

/** Other stats land in [floor, floor + SPREAD - 1]; the peak in [floor + PEAK_GAP, 100]. */
export const SPREAD = 30;
export const PEAK_GAP = 40;

/**
 * @param {() => number} rand
 * @param {number} floor the tier's stat floor
 * @returns {{ peak: StatId, stats: Record<StatId, number> }}
 */
export function drawStats(rand, floor) {
  const peak = pick(rand, STATS).id;
  /** @type {Record<string, number>} */
  const stats = {};
  for (const { id } of STATS) {
    stats[id] = id === peak ? between(rand, Math.min(100, floor + PEAK_GAP), 100) : between(rand, floor, floor + SPREAD - 1);
  }
  return { peak, stats: /** @type {Record<StatId, number>} */ (stats) };
}
