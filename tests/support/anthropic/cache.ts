// Prompt-cache accounting the way the API reports it. Each breakpoint's prefix (model + every unit
// up to and including the marked one) is keyed by a hash; a later request reads the longest alive
// cached prefix that ends at or before its last breakpoint, writes every breakpoint beyond that
// whose prefix reaches the minimum cacheable length, and pays full price for the rest.
// Simplification: any earlier block boundary is checked for a hit (the API looks back ~20 blocks).
import { createHash } from "node:crypto";
import type { PromptUnit, Ttl } from "./tokens.ts";
import type { Usage } from "./types.ts";

export const MAX_BREAKPOINTS = 4;
const TTL_MS: Record<Ttl, number> = { "5m": 5 * 60_000, "1h": 60 * 60_000 };

export interface CacheOptions {
  /** A breakpoint's prefix is cached only from this many tokens on (default 1024). */
  minCacheableTokens?: number;
  /** Clock in ms; inject one to test expiry. Default Date.now. */
  now?: () => number;
}

interface Entry {
  expiresAt: number;
  ttl: Ttl;
}

export type InputUsage = Omit<Usage, "output_tokens">;

export function breakpointCount(units: readonly PromptUnit[]): number {
  return units.filter((u) => u.breakpoint).length;
}

export function tooManyBreakpointsMessage(found: number): string {
  return `A maximum of ${MAX_BREAKPOINTS} blocks with cache_control may be provided. Found ${found}.`;
}

/** Hash of model + units[0..i] for every i, chained so each costs one step. */
function prefixHashes(model: string, units: readonly PromptUnit[]): string[] {
  const out: string[] = [];
  let previous = createHash("sha256").update(`model:${model}`).digest("hex");
  for (const u of units) {
    previous = createHash("sha256").update(previous).update("\u0000").update(u.text).digest("hex");
    out.push(previous);
  }
  return out;
}

export class PromptCache {
  readonly minCacheableTokens: number;
  private readonly now: () => number;
  private readonly entries = new Map<string, Entry>();

  constructor(opts: CacheOptions = {}) {
    this.minCacheableTokens = opts.minCacheableTokens ?? 1024;
    this.now = opts.now ?? Date.now;
  }

  clear(): void {
    this.entries.clear();
  }

  /** Number of live cached prefixes. */
  get size(): number {
    const now = this.now();
    return [...this.entries.values()].filter((e) => e.expiresAt > now).length;
  }

  /** Input-side usage for a request, recording what it writes and refreshing what it reads. */
  account(model: string, units: readonly PromptUnit[]): InputUsage {
    const now = this.now();
    const hashes = prefixHashes(model, units);
    const cumulative: number[] = [];
    let total = 0;
    for (const u of units) cumulative.push((total += u.tokens));
    const breakpoints = units.flatMap((u, i) => (u.breakpoint ? [i] : []));
    const usage: InputUsage = {
      input_tokens: total,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
    };
    const last = breakpoints.at(-1);
    if (last === undefined) return usage;

    let readEnd = -1;
    for (let i = last; i >= 0; i--) {
      const hit = this.entries.get(hashes[i]!);
      if (hit && hit.expiresAt > now) {
        hit.expiresAt = now + TTL_MS[hit.ttl];
        readEnd = i;
        break;
      }
    }
    const read = readEnd >= 0 ? cumulative[readEnd]! : 0;

    let written = read;
    for (const bp of breakpoints) {
      if (bp <= readEnd || cumulative[bp]! < this.minCacheableTokens) continue;
      const ttl = units[bp]!.breakpoint!;
      this.entries.set(hashes[bp]!, { expiresAt: now + TTL_MS[ttl], ttl });
      const segment = cumulative[bp]! - written;
      if (ttl === "1h") usage.cache_creation.ephemeral_1h_input_tokens += segment;
      else usage.cache_creation.ephemeral_5m_input_tokens += segment;
      written = cumulative[bp]!;
    }
    usage.cache_read_input_tokens = read;
    usage.cache_creation_input_tokens = written - read;
    usage.input_tokens = total - written;
    return usage;
  }
}
