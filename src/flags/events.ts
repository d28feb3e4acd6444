// FlagChanged: emitted once per key whose value differs between two snapshots (a
// refresh, an SSE push). Hooks subscribe later; for now it is a plain listener list.
import { FLAG_KEYS, type FlagKey, type FlagValue, type FlagValues } from "./catalog.ts";
import type { FlagState, SourceName } from "./resolve.ts";

export interface FlagChanged {
  type: "flag_changed";
  key: FlagKey;
  previous: FlagValue;
  value: FlagValue;
  source: SourceName;
}

export type FlagListener = (e: FlagChanged) => void;

export class FlagEvents {
  #listeners = new Set<FlagListener>();

  /** Returns the unsubscribe function. */
  on(listener: FlagListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  emit(e: FlagChanged): void {
    for (const l of [...this.#listeners]) {
      try {
        l(e);
      } catch {
        // One listener's failure must not stop the others from hearing of the change.
      }
    }
  }
}

/** The changes from one snapshot to the next, in catalogue order. */
export function diffSnapshots(before: FlagValues, after: FlagValues, states: Readonly<Record<FlagKey, FlagState>>): FlagChanged[] {
  const out: FlagChanged[] = [];
  for (const key of FLAG_KEYS) {
    const a = before[key] as FlagValue;
    const b = after[key] as FlagValue;
    if (a === b || JSON.stringify(a) === JSON.stringify(b)) continue;
    out.push({ type: "flag_changed", key, previous: a, value: b, source: states[key].source });
  }
  return out;
}
