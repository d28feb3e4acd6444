// Stats: 0–100, at least the tier's floor, one peak strictly above the rest.
import { expect, test } from "bun:test";
import { companionMod, rarityMod, statsMod } from "./load.ts";

const cards = Array.from({ length: 20_000 }, (_, i) => companionMod.companion(`stats-${i}`));

test("every stat is an integer in [tier floor, 100], the peak in its range and strictly the highest", () => {
  const problems: string[] = [];
  for (const c of cards) {
    const tier = rarityMod.TIERS.find((t) => t.id === c.rarity)!;
    expect(Object.keys(c.stats)).toEqual(statsMod.STATS.map((s) => s.id));
    for (const [k, v] of Object.entries(c.stats)) {
      const [lo, hi] = k === c.peak ? [tier.statFloor + statsMod.PEAK_GAP, 100] : [tier.statFloor, tier.statFloor + statsMod.SPREAD - 1];
      if (!Number.isInteger(v) || v < lo || v > hi) problems.push(`${c.id} ${k}=${v} outside [${lo}, ${hi}]`);
      if (k !== c.peak && v >= c.stats[c.peak]) problems.push(`${c.id}: ${k} ${v} ≥ peak ${c.peak}`);
    }
  }
  expect(problems).toEqual([]);
});

test("each stat is the peak about a fifth of the time, and both ends of the ranges are reached", () => {
  for (const s of statsMod.STATS) {
    const share = cards.filter((c) => c.peak === s.id).length / cards.length;
    expect(Math.abs(share - 0.2)).toBeLessThan(0.02);
  }
  const common = cards.filter((c) => c.rarity === "common");
  const values = common.flatMap((c) => Object.entries(c.stats).filter(([k]) => k !== c.peak).map(([, v]) => v));
  expect(Math.min(...values)).toBe(5);
  expect(Math.max(...values)).toBe(5 + statsMod.SPREAD - 1);
  expect(Math.max(...cards.map((c) => c.stats[c.peak]))).toBe(100);
});

test("rarer tiers are better on average", () => {
  const mean = (tier: string) => {
    const xs = cards.filter((c) => c.rarity === tier).flatMap((c) => Object.values(c.stats));
    return xs.reduce((a, b) => a + b, 0) / xs.length;
  };
  const means = rarityMod.TIERS.map((t) => mean(t.id));
  expect([...means].sort((a, b) => a - b)).toEqual(means);
});
