// The eighteen species, drawn with equal odds (1 in 18). Each has a sound it opens its
// remarks with and a temperament that picks its lines (voices.js). Order matters: the draw
// indexes this list, so a new species goes at the end, and only in a new SEED_SALT.
import { SPRITES } from "./sprites.js";

/**
 * @typedef {"cheerful" | "grumpy" | "stoic" | "anxious" | "sage" | "chaotic"} Temperament
 * @typedef {{ id: string, label: string, sound: string, temperament: Temperament, frames: readonly (readonly string[])[] }} Species
 */

/** @type {readonly [string, string, string, Temperament][]} id, label, sound, temperament */
const TABLE = [
  ["duck", "Duck", "Quack.", "cheerful"],
  ["cat", "Cat", "Mrrp.", "grumpy"],
  ["owl", "Owl", "Hoo.", "sage"],
  ["octopus", "Octopus", "Blub.", "chaotic"],
  ["ghost", "Ghost", "Boo.", "anxious"],
  ["robot", "Robot", "Beep.", "stoic"],
  ["snail", "Snail", "...", "sage"],
  ["axolotl", "Axolotl", "Blep.", "cheerful"],
  ["capybara", "Capybara", "Hm.", "stoic"],
  ["penguin", "Penguin", "Honk.", "anxious"],
  ["turtle", "Turtle", "Mm.", "sage"],
  ["dragon", "Dragon", "Rawr.", "chaotic"],
  ["blob", "Blob", "Blorp.", "cheerful"],
  ["cactus", "Cactus", "Tsk.", "grumpy"],
  ["mushroom", "Mushroom", "Psst.", "anxious"],
  ["crab", "Crab", "Click.", "grumpy"],
  ["rabbit", "Rabbit", "Eep.", "chaotic"],
  ["bat", "Bat", "Squeak.", "stoic"],
];

/** @type {readonly Species[]} */
export const SPECIES = Object.freeze(
  TABLE.map(([id, label, sound, temperament]) => {
    const frames = SPRITES[id];
    if (!frames) throw new Error(`buddy species ${id} has no sprite`);
    // Frozen once here, so every card can share them instead of copying.
    return Object.freeze({ id, label, sound, temperament, frames: Object.freeze(frames.map((f) => Object.freeze(f))) });
  }),
);
