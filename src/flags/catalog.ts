// The flag catalogue embedded in the binary: flags/features.json (a GrowthBook
// features payload, servable as-is by any GrowthBook proxy or CDN) plus the sibling
// flags/descriptions.json, kept apart because the SDK payload has no description field.
import descriptions from "../../flags/descriptions.json" with { type: "json" };
import embedded from "../../flags/features.json" with { type: "json" };
import type { FeatureApiResponse } from "./payload.ts";

type Defaults = (typeof embedded)["features"];

/** Every flag keel knows; the snapshot is typed from this list. */
export type FlagKey = keyof Defaults;

type Widen<T> = T extends boolean ? boolean : T extends number ? number : T extends string ? string : T;

/** The resolved value of every flag, typed by its default: `values.kairos` is a boolean. */
export type FlagValues = { readonly [K in FlagKey]: Widen<Defaults[K]["defaultValue"]> };

export type FlagValue = boolean | number | string | null | readonly unknown[] | { readonly [k: string]: unknown };

export const FLAG_KEYS = Object.keys(embedded.features) as FlagKey[];

export const EMBEDDED_PAYLOAD: FeatureApiResponse = embedded;

const KEY_SET: ReadonlySet<string> = new Set(FLAG_KEYS);

export const isFlagKey = (k: string): k is FlagKey => KEY_SET.has(k);

export function describeFlag(key: FlagKey): string {
  return (descriptions as Record<string, string>)[key] ?? "";
}

export function defaultValue(key: FlagKey): FlagValue {
  return embedded.features[key].defaultValue as FlagValue;
}

/** The JSON type a flag's values must have: that of its embedded default. */
export function valueKind(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

/** Known keys closest to a mistyped one (edit distance, then shared prefix), best first. */
export function closeMatches(input: string, keys: readonly string[] = FLAG_KEYS, limit = 3): string[] {
  const wanted = input.toLowerCase().replaceAll("-", "_");
  const scored = keys.map((k) => ({ k, d: distance(wanted, k) }));
  const budget = Math.max(2, Math.floor(wanted.length / 3));
  return scored
    .filter(({ k, d }) => d <= budget || k.startsWith(wanted) || (wanted.length >= 3 && k.includes(wanted)))
    .sort((a, b) => a.d - b.d || a.k.localeCompare(b.k))
    .slice(0, limit)
    .map(({ k }) => k);
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
    }
    prev = cur;
  }
  return prev[b.length] as number;
}
