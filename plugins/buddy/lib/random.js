// The only source of chance in buddy: a stream of numbers that is a pure function of an id.
// sha256 (node:crypto, identical on every platform) turns the id into 128 bits of seed for
// sfc32, a small PRNG built from 32-bit integer ops, so no machine, engine or locale can
// change what an id draws. Math.random is never used: there is no reroll.
import { createHash } from "node:crypto";

/** Bump only with a migration story: every companion would change. */
export const SEED_SALT = "keel-buddy/v1";

/**
 * @param {string} id the account or install id (any non-empty string)
 * @returns {() => number} uniform floats in [0, 1), the same sequence for the same id
 */
export function streamFor(id) {
  const digest = createHash("sha256").update(`${SEED_SALT}\0${id}`, "utf8").digest();
  let a = digest.readUInt32LE(0);
  let b = digest.readUInt32LE(4);
  let c = digest.readUInt32LE(8);
  let d = digest.readUInt32LE(12);
  const next = () => {
    // sfc32 (Chris Doty-Humphrey, PractRand): 32-bit adds, shifts and rotates only.
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  // Mix the seed in before the first draw, as sfc32's authors recommend.
  for (let i = 0; i < 12; i++) next();
  return next;
}

/**
 * @template T
 * @param {() => number} rand
 * @param {readonly T[]} items
 * @returns {T}
 */
export function pick(rand, items) {
  return /** @type {T} */ (items[Math.floor(rand() * items.length)]);
}

/**
 * An integer in [min, max], both ends included.
 * @param {() => number} rand
 * @param {number} min
 * @param {number} max
 */
export function between(rand, min, max) {
  return min + Math.floor(rand() * (max - min + 1));
}
