// An id's companion: a pure function of the id and nothing else (no clock, no machine, no
// reroll). The draws happen in a fixed order — rarity, species, shiny, stats, name — so the
// tables may gain entries only under a new SEED_SALT; tests pin a few ids' companions.
import { drawName } from "./names.js";
import { pick, SEED_SALT, streamFor } from "./random.js";
import { drawShiny, drawTier } from "./rarity.js";
import { SPECIES } from "./species.js";
import { sparkle } from "./sprite.js";
import { drawStats } from "./stats.js";

export const MAX_ID_LENGTH = 256;

/**
 * @typedef {{
 *   version: string, id: string, name: string,
 *   species: string, speciesLabel: string, temperament: string, sound: string,
 *   rarity: string, rarityLabel: string, stars: number, shiny: boolean,
 *   stats: Record<import("./stats.js").StatId, number>, peak: string,
 *   frames: readonly (readonly string[])[]
 * }} Card
 */

/** @param {unknown} id */
export function checkId(id) {
  if (typeof id !== "string" || id.trim() === "" || id.length > MAX_ID_LENGTH) {
    throw new Error(`buddy: the id must be a non-empty string of at most ${MAX_ID_LENGTH} characters (got ${JSON.stringify(id)?.slice(0, 40)})`);
  }
  return id;
}

/** @type {Map<string, Card>} a host asks for its own id again on every reaction */
const cache = new Map();

/**
 * @param {string} id
 * @returns {Card}
 */
export function companion(id) {
  checkId(id);
  const hit = cache.get(id);
  if (hit) return hit;
  const rand = streamFor(id);
  const tier = drawTier(rand);
  const species = pick(rand, SPECIES);
  const shiny = drawShiny(rand);
  const { peak, stats } = drawStats(rand, tier.statFloor);
  const name = drawName(rand);
  /** @type {Card} */
  const card = {
    version: SEED_SALT,
    id,
    name,
    species: species.id,
    speciesLabel: species.label,
    temperament: species.temperament,
    sound: species.sound,
    rarity: tier.id,
    rarityLabel: tier.label,
    stars: tier.stars,
    shiny,
    stats,
    peak,
    // The species' frames are frozen and shared; a shiny ring is made (and frozen) per card.
    frames: shiny ? freezeFrames(sparkle(species.frames)) : species.frames,
  };
  // Frozen all the way down: the cached card is shared by every later call for this id.
  Object.freeze(card.stats);
  Object.freeze(card);
  if (cache.size > 64) cache.clear();
  cache.set(id, card);
  return card;
}

/** @param {string[][]} frames */
function freezeFrames(frames) {
  for (const f of frames) Object.freeze(f);
  return Object.freeze(frames);
}
