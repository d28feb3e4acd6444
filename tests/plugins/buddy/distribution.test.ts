// Buddy's published odds hold: over 100,000 ids each rarity tier's share, the shiny share
// and each species' share sit within four binomial standard deviations of the table.
import { describe, expect, test } from "bun:test";
import { companionMod, rarityMod, speciesMod } from "./load.ts";

const N = 100_000;
const cards = Array.from({ length: N }, (_, i) => companionMod.companion(`install-${i}`));

/** |observed - expected| within k·σ of a Binomial(N, p) count. */
function withinSigma(count: number, p: number, k = 4): { ok: boolean; z: number } {
  const sigma = Math.sqrt(N * p * (1 - p));
  const z = (count - N * p) / sigma;
  return { ok: Math.abs(z) <= k, z };
}

const count = (pred: (c: (typeof cards)[number]) => boolean) => cards.reduce((n, c) => n + (pred(c) ? 1 : 0), 0);

describe("buddy odds over 100,000 ids", () => {
  test("the table adds up to exactly 100%", () => {
    expect(rarityMod.TIERS.reduce((s, t) => s + t.basisPoints, 0)).toBe(10_000);
    expect(rarityMod.TIERS.map((t) => t.label)).toEqual(["Common", "Uncommon", "Rare", "Epic", "Legendary"]);
  });

  test.each(rarityMod.TIERS.map((t) => [t.label, t] as const))("%s within 4σ of its published odds", (_label, tier) => {
    const seen = count((c) => c.rarity === tier.id);
    const r = withinSigma(seen, tier.basisPoints / 10_000);
    expect({ tier: tier.id, seen, z: Number(r.z.toFixed(2)), ok: r.ok }).toMatchObject({ ok: true });
  });

  test("shiny within 4σ of its published odds, independently of rarity", () => {
    const p = rarityMod.SHINY_BASIS_POINTS / 10_000;
    const shiny = cards.filter((c) => c.shiny);
    expect(withinSigma(shiny.length, p).ok).toBe(true);
    // Independence, coarsely: shiny companions are common about as often as all companions are.
    const commonShare = shiny.filter((c) => c.rarity === "common").length / shiny.length;
    expect(Math.abs(commonShare - 0.6)).toBeLessThan(4 * Math.sqrt((0.6 * 0.4) / shiny.length));
  });

  test("every species within 4σ of 1 in 18", () => {
    expect(speciesMod.SPECIES).toHaveLength(18);
    const off = speciesMod.SPECIES.map((s) => ({ s: s.id, ...withinSigma(count((c) => c.species === s.id), 1 / 18) })).filter((r) => !r.ok);
    expect(off).toEqual([]);
  });

  test("a rigged table would fail the same check (the tolerance is not vacuous)", () => {
    // Epic at 4% against a claim of 5%: 100,000 draws must tell them apart.
    expect(withinSigma(count((c) => c.rarity === "epic"), 0.05).ok).toBe(false);
  });
});
