// The last few analyses, keyed by command text and options: one tool call is analysed by
// the permission gate and again by cwd tracking, and agents re-run the same command often.
// A complement to a fast analysis, never a substitute (benches call analyzeUncached).
// Entries are frozen: callers share them, so none may change what another one reads.
import { isShared } from "./shared.ts";
import type { AnalyzeOptions, BashAnalysis } from "./types.ts";

const MAX_ENTRIES = 32;
/** Longer commands are analysed every time rather than held in memory. */
const MAX_CACHED_LENGTH = 16 * 1024;

const entries = new Map<string, BashAnalysis>();

const keyOf = (command: string, opts: AnalyzeOptions) => `${opts.network === true ? "n" : "-"}${command}`;

export function cached(command: string, opts: AnalyzeOptions): BashAnalysis | undefined {
  const key = keyOf(command, opts);
  const hit = entries.get(key);
  if (hit) {
    // Most recently used last, so the oldest is first out.
    entries.delete(key);
    entries.set(key, hit);
  }
  return hit;
}

export function remember(command: string, opts: AnalyzeOptions, analysis: BashAnalysis): BashAnalysis {
  const frozen = deepFreeze(analysis);
  if (command.length > MAX_CACHED_LENGTH) return frozen;
  entries.set(keyOf(command, opts), frozen);
  if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
  return frozen;
}

function deepFreeze<T>(value: T): T {
  // The shared empty and all-false lists stay unfrozen (shared.ts): nothing writes them.
  if (value && typeof value === "object" && !Object.isFrozen(value) && !isShared(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
