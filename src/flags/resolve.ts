// Flag resolution as a pure decision over ordered layers: the first layer (in precedence
// order) that has a value of the right type wins. `explain` runs the same walk but asks
// every layer, so the person sees what each source said and why the winner won.
import { defaultValue, describeFlag, FLAG_KEYS, type FlagKey, type FlagValue, type FlagValues, valueKind } from "./catalog.ts";

/** Sources in order of precedence, highest first. */
export const PRECEDENCE = ["flag", "env", "user", "remote", "default"] as const;
export type SourceName = (typeof PRECEDENCE)[number];

export interface Verdict {
  value: unknown;
  /** Which targeting rule or rollout produced the value, when one did. */
  rule?: string;
}

export interface Layer {
  source: SourceName;
  /** Where this source lives: "--flag", "KEEL_FLAGS", a file path, a URL, "embedded". */
  origin: string;
  /** What this source says about `key`, or undefined when it says nothing. */
  verdict(key: FlagKey): Verdict | undefined;
}

export interface FlagState {
  key: FlagKey;
  value: FlagValue;
  source: SourceName;
  origin: string;
  rule?: string;
  description: string;
}

export interface TrailEntry {
  source: SourceName;
  origin: string;
  said?: Verdict;
  /** Why a value this source gave was not used (wrong type). */
  rejected?: string;
  won: boolean;
}

/** A value usable for `key`, or the reason it is not (a remote may send anything). */
function check(key: FlagKey, v: Verdict): { value: FlagValue } | { reason: string } {
  const want = valueKind(defaultValue(key));
  // GrowthBook yields null when a prerequisite fails; for an on/off flag that means off.
  if (v.value === null && want === "boolean") return { value: false };
  const got = valueKind(v.value);
  return want === got ? { value: v.value as FlagValue } : { reason: `expected a ${want}, got ${got}` };
}

export function decide(key: FlagKey, layers: readonly Layer[]): FlagState {
  for (const layer of layers) {
    const said = layer.verdict(key);
    if (!said) continue;
    const c = check(key, said);
    if ("value" in c) {
      const state: FlagState = { key, value: c.value, source: layer.source, origin: layer.origin, description: describeFlag(key) };
      if (said.rule) state.rule = said.rule;
      return state;
    }
  }
  // Layers always end with the embedded defaults; this is the guard if they do not.
  return { key, value: defaultValue(key), source: "default", origin: "embedded", description: describeFlag(key) };
}

export function explain(key: FlagKey, layers: readonly Layer[]): TrailEntry[] {
  let decided = false;
  return layers.map((layer) => {
    const said = layer.verdict(key);
    const entry: TrailEntry = { source: layer.source, origin: layer.origin, won: false };
    if (!said) return entry;
    entry.said = said;
    const c = check(key, said);
    if ("reason" in c) entry.rejected = c.reason;
    else if (!decided) decided = entry.won = true;
    return entry;
  });
}

export interface Resolved {
  /** Plain frozen object: a lookup is one property read. */
  values: FlagValues;
  states: Readonly<Record<FlagKey, FlagState>>;
}

export function resolveAll(layers: readonly Layer[]): Resolved {
  const values: Record<string, FlagValue> = {};
  const states = {} as Record<FlagKey, FlagState>;
  for (const key of FLAG_KEYS) {
    const s = decide(key, layers);
    states[key] = s;
    values[key] = s.value;
  }
  return { values: Object.freeze(values) as unknown as FlagValues, states: Object.freeze(states) };
}

/** A layer over a plain map: overrides, or a payload whose features carry no rules. */
export function mapLayer(source: SourceName, origin: string, map: Partial<Record<FlagKey, unknown>>): Layer {
  return { source, origin, verdict: (key) => (key in map ? { value: map[key] } : undefined) };
}
