// Word texts as shared strings. Commands repeat their words — names, flags, paths, `&&`
// chains of the same tools — and a word cut from the line with slice() is a new string
// whose characters are copied out on first read. A word seen before is handed back as the
// string already made: nothing allocated, nothing to copy, and no young string for a
// collection landing inside an analysis to mark. A set holds the last two words that hashed
// to it; the contents are always compared, so a collision only costs a copy.

const SLOTS = 4096;
/** Longer words are rarely repeated: sliced every time. */
const MAX_LENGTH = 48;

const table: (string | undefined)[] = new Array<string | undefined>(SLOTS).fill(undefined);

/** FNV-1a over the characters: a scan that reads them anyway (plainAt) hashes as it goes. */
export const HASH_START = 0x811c9dc5 | 0;
export const hashStep = (h: number, c: number): number => Math.imul(h ^ c, 0x01000193);

/** source.slice(start, end), as a string shared with every earlier word of the same text. */
export function wordAt(source: string, start: number, end: number): string {
  const length = end - start;
  if (length > MAX_LENGTH || length < 2) return source.slice(start, end);
  let h = HASH_START;
  for (let i = start; i < end; i++) h = hashStep(h, source.charCodeAt(i));
  return lookup(source, start, end, h);
}

/** wordAt for a word whose characters the caller hashed already (HASH_START, then hashStep each). */
export function wordHashed(source: string, start: number, end: number, h: number): string {
  const length = end - start;
  if (length > MAX_LENGTH || length < 2) return source.slice(start, end);
  return lookup(source, start, end, h);
}

function lookup(source: string, start: number, end: number, hash: number): string {
  const length = end - start;
  const h = hash ^ length;
  // Two ways per set, most recently used first: two common words that hash alike (it
  // happens: "production" and "-not") share a set instead of evicting each other.
  const set = ((h ^ (h >>> 15)) & (SLOTS / 2 - 1)) * 2;
  const first = table[set];
  if (first !== undefined && first.length === length && sameText(first, source, start)) return first;
  const second = table[set + 1];
  if (second !== undefined && second.length === length && sameText(second, source, start)) {
    table[set + 1] = first;
    table[set] = second;
    return second;
  }
  const word = detached(source, start, end);
  table[set + 1] = first;
  table[set] = word;
  return word;
}

function sameText(word: string, source: string, start: number): boolean {
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) !== source.charCodeAt(start + i)) return false;
  return true;
}

const codes: number[] = [];
/**
 * A copy made from the characters, which does not refer to the line it was cut from: in
 * JSC a slice — and a slice of a concatenation with it — keeps the whole line alive, so
 * 4096 kept words could hold 4096 commands of 10 KB (tests/safety/word-intern.test.ts).
 */
function detached(source: string, start: number, end: number): string {
  codes.length = end - start;
  for (let i = start; i < end; i++) codes[i - start] = source.charCodeAt(i);
  return String.fromCharCode.apply(null, codes);
}
