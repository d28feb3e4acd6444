// Sprite frames: every frame of every species is SPRITE_ROWS × SPRITE_COLS characters, so the
// companion slot never changes size while it animates. Frames are written as raw template
// strings (no escaping of backslashes) and padded on the right; anything too big throws at
// load, which the tests catch before a user ever could.

export const SPRITE_ROWS = 4;
export const SPRITE_COLS = 12;

/**
 * @param {string} species for the error message
 * @param {...string} texts one raw multi-line string per frame (leading/trailing newline dropped)
 * @returns {string[][]} frames of rows
 */
export function frames(species, ...texts) {
  return texts.map((text, i) => {
    const rows = text.replace(/^\n/, "").replace(/\n$/, "").split("\n");
    if (rows.length !== SPRITE_ROWS) throw new Error(`buddy sprite ${species} frame ${i}: ${rows.length} rows, expected ${SPRITE_ROWS}`);
    return rows.map((row, r) => {
      if (row.length > SPRITE_COLS) throw new Error(`buddy sprite ${species} frame ${i} row ${r}: ${row.length} columns, at most ${SPRITE_COLS}`);
      return row.padEnd(SPRITE_COLS);
    });
  });
}

/** Shiny companions wear a ring of sparkles that twinkles from frame to frame. */
const SPARKLES = ["*", "+", "'", ".", "+", "*", ".", "'"];

/**
 * @param {readonly (readonly string[])[]} base
 * @returns {string[][]} frames two rows and two columns larger, sparkles on the ring
 */
export function sparkle(base) {
  return base.map((rows, f) => {
    const width = SPRITE_COLS + 2;
    /** @param {number} offset */
    const ring = (offset) =>
      Array.from({ length: width }, (_, x) => ((x + offset + f) % 3 === 0 ? SPARKLES[(x + f) % SPARKLES.length] : " ")).join("");
    const side = (/** @type {number} */ y, /** @type {number} */ edge) => ((y + f + edge) % 2 === 0 ? SPARKLES[(y + edge + f) % SPARKLES.length] : " ");
    return [ring(0), ...rows.map((row, y) => `${side(y, 0)}${row}${side(y, 1)}`), ring(1)];
  });
}
