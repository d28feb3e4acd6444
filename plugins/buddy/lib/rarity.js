// Rarity tiers and the shiny variant, with the odds README.md publishes (a test parses the
// README so the two cannot drift). Odds are in basis points (1/10,000) so they add up exactly.

/**
 * @typedef {"common" | "uncommon" | "rare" | "epic" | "legendary"} RarityId
 * @typedef {{ id: RarityId, label: string, basisPoints: number, stars: number, statFloor: number }} Tier
 */

/** @type {readonly Tier[]} Order matters: draws walk it from the top (changing it changes companions). */
export const TIERS = Object.freeze([
  { id: "common", label: "Common", basisPoints: 6000, stars: 1, statFloor: 5 },
  { id: "uncommon", label: "Uncommon", basisPoints: 2500, stars: 2, statFloor: 15 },
  { id: "rare", label: "Rare", basisPoints: 1000, stars: 3, statFloor: 25 },
  { id: "epic", label: "Epic", basisPoints: 400, stars: 4, statFloor: 35 },
  { id: "legendary", label: "Legendary", basisPoints: 100, stars: 5, statFloor: 50 },
]);

/** Shiny is drawn independently of rarity: 1 in 100 of every tier. */
export const SHINY_BASIS_POINTS = 100;

/**
 * @param {() => number} rand
 * @returns {Tier}
 */
export function drawTier(rand) {
  let roll = Math.floor(rand() * 10000);
  for (const tier of TIERS) {
    if (roll < tier.basisPoints) return tier;
    roll -= tier.basisPoints;
  }
  return /** @type {Tier} */ (TIERS[0]); // unreachable while the table sums to 10,000
}

/** @param {() => number} rand */
export function drawShiny(rand) {
  return Math.floor(rand() * 10000) < SHINY_BASIS_POINTS;
}
