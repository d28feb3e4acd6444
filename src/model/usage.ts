// Token usage as the result JSON reports it, and its cost from a small price table
// per model family (USD per million tokens; cache writes 1.25×, reads 0.1× of input).
export interface TokenUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

export const emptyUsage = (): TokenUsage => ({
  input_tokens: 0,
  output_tokens: 0,
  cache_creation_input_tokens: 0,
  cache_read_input_tokens: 0,
});

type UsageLike = { [K in keyof TokenUsage]?: number | null };

export function addUsage(a: TokenUsage, b: UsageLike): TokenUsage {
  return {
    input_tokens: a.input_tokens + (b.input_tokens ?? 0),
    output_tokens: a.output_tokens + (b.output_tokens ?? 0),
    cache_creation_input_tokens: a.cache_creation_input_tokens + (b.cache_creation_input_tokens ?? 0),
    cache_read_input_tokens: a.cache_read_input_tokens + (b.cache_read_input_tokens ?? 0),
  };
}

/** [family substring, input $/Mtok, output $/Mtok]; first match wins, ordered most specific first. */
const PRICES: ReadonlyArray<readonly [string, number, number]> = [
  ["opus-4-1", 15, 75],
  ["opus-4-0", 15, 75],
  ["opus", 5, 25],
  ["sonnet", 3, 15],
  ["haiku-3", 0.25, 1.25],
  ["haiku", 1, 5],
];
/** Unknown families are priced as sonnet: a guess beats reporting zero. */
const FALLBACK = [3, 15] as const;

export function priceFor(model: string): { input: number; output: number } {
  const row = PRICES.find(([family]) => model.includes(family));
  const [input, output] = row ? [row[1], row[2]] : FALLBACK;
  return { input, output };
}

export function costUsd(model: string, u: TokenUsage): number {
  const p = priceFor(model);
  const dollars =
    (u.input_tokens * p.input +
      u.cache_creation_input_tokens * p.input * 1.25 +
      u.cache_read_input_tokens * p.input * 0.1 +
      u.output_tokens * p.output) /
    1_000_000;
  return Math.round(dollars * 1e6) / 1e6;
}
