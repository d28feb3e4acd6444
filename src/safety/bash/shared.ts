// Lists that many sub-commands share instead of each making its own: the empty list, and
// the all-false `dynamic` flags of a command with no dynamic word, by length.
//
// Not frozen, though nothing may change them (their types are readonly): JSC reads the
// elements of a frozen array through a slow path, 10–15× a plain read, and these are read
// for every command of every analysis. The analysis cache freezes what it keeps but skips
// these (isShared), or caching one analysis would slow every later one.

export const NONE: readonly never[] = [];

const ALL_STATIC: readonly (readonly boolean[])[] = Array.from({ length: 33 }, (_, n) => new Array<boolean>(n).fill(false));

/** All-false flags for `n` words: shared up to 32 words, a new list past that. */
export function allStatic(n: number): readonly boolean[] {
  return ALL_STATIC[n] ?? new Array<boolean>(n).fill(false);
}

/**
 * A list filled by push and handed out at its final size, the filled list kept for the next
 * fill. A list of hundreds grown by push allocates about three times its final size on
 * the way; a copy of the filled one allocates it once. An analysis that throws midway
 * never gives its list back, and the next fill starts a new one.
 */
export class Refill<T> {
  private spare: T[] | undefined = [];
  take(): T[] {
    const list = this.spare ?? [];
    this.spare = undefined;
    return list;
  }
  /** A copy of `list` (from take) at its size; `list` itself is emptied for the next take. */
  give(list: T[]): T[] {
    const out = list.slice();
    list.length = 0;
    this.spare = list;
    return out;
  }
}

const SHARED: ReadonlySet<unknown> = new Set<unknown>([NONE, ...ALL_STATIC]);

/** One of the lists above: shared by analyses, so never frozen. */
export const isShared = (value: unknown): boolean => SHARED.has(value);
