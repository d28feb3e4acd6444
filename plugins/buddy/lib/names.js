// Companion names: a first syllable and an ending, 24 × 24 = 576 names. Soft, pronounceable,
// nothing that reads as a word in a code review.
import { pick } from "./random.js";

const STARTS = Object.freeze([
  "Pip", "Bo", "Mo", "Zig", "Nim", "Tuf", "Wob", "Bix", "Fen", "Gus", "Lu", "Quill",
  "Rum", "Sprock", "Tam", "Vex", "Wren", "Yam", "Ko", "Dot", "Fizz", "Jun", "Oz", "Brim",
]);

const ENDINGS = Object.freeze([
  "ble", "sy", "kin", "let", "o", "ix", "wick", "bert", "sworth", "pop", "ling", "mire",
  "zo", "bean", "dle", "ster", "nut", "wump", "ry", "kle", "moss", "ton", "ba", "fig",
]);

/** @param {() => number} rand */
export function drawName(rand) {
  return `${pick(rand, STARTS)}${pick(rand, ENDINGS)}`;
}
