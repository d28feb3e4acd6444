// The card as `keel buddy` and `/buddy` draw it (src/cli/buddy-card.ts), for one companion of
// each rarity and a shiny one: an aligned box, the sprite, stars, the shiny mark, stat bars,
// colour only when asked, and nothing a plugin sends can reach the terminal as an escape.
import { describe, expect, test } from "bun:test";
import { BuddyCard, renderCard } from "../../../src/cli/buddy-card.ts";
import { type Card, companionMod, rarityMod } from "./load.ts";

/** The first id (id-0, id-1, …) whose companion matches. */
function first(pred: (c: Card) => boolean): Card {
  for (let i = 0; ; i++) {
    const c = companionMod.companion(`id-${i}`);
    if (pred(c)) return c;
  }
}

const plain = (c: Card) => renderCard(BuddyCard.parse(c), { color: false, origin: "--id" });
const cells = (s: string) => [...s].length;

describe("buddy card", () => {
  test.each(rarityMod.TIERS.map((t) => [t.label, t] as const))("%s: an aligned box with sprite, name, stars and five stat bars", (_l, tier) => {
    const card = first((c) => c.rarity === tier.id && !c.shiny);
    const out = plain(card);
    const lines = out.split("\n");
    expect(new Set(lines.map(cells)).size).toBe(1);
    expect(lines[0]).toMatch(/^╭─+╮$/);
    expect(lines.at(-1)).toMatch(/^╰─+╯$/);
    for (const l of lines.slice(1, -1)) expect(l).toMatch(/^│ .* │$/);
    card.frames[0]!.forEach((row, i) => expect(lines[i + 1]).toContain(row));
    expect(lines[1]).toContain(card.name);
    expect(lines[2]).toContain(`${tier.label} ${card.speciesLabel}`);
    expect(lines[3]).toContain(`${"★".repeat(tier.stars)}${"☆".repeat(5 - tier.stars)}`);
    expect(out).not.toContain("shiny");
    const bars = lines.filter((l) => /[█░]{20}/.test(l));
    expect(bars.map((l) => /│ (\w+)/.exec(l)?.[1])).toEqual(["Debugging", "Snark", "Patience", "Chaos", "Wisdom"]);
    expect(bars.filter((l) => l.includes("▲"))).toHaveLength(1);
    expect(bars.find((l) => l.includes("▲"))).toContain(`${card.stats[card.peak]} ▲`);
    // A bar's length is its value: 20 cells for 100.
    for (const [i, v] of Object.values(card.stats).entries()) expect(bars[i]!.match(/█/g)?.length ?? 0).toBe(Math.round(v / 5));
    expect(out).not.toContain("\x1b");
  });

  test("a shiny companion shows its sparkling ring and the shiny mark", () => {
    const card = first((c) => c.shiny);
    const out = plain(card);
    expect(out).toContain("✦ shiny ✦");
    expect(out.split("\n")[1]).toContain(card.frames[0]![0]!);
    expect(new Set(out.split("\n").map(cells)).size).toBe(1);
  });

  test("colour when allowed: the rarity tints the label, the stars and the peak bar", () => {
    const card = first((c) => c.rarity === "legendary");
    const out = renderCard(BuddyCard.parse(card), { color: true, origin: "this install" });
    expect(out).toContain(`\x1b[33mLegendary ${card.speciesLabel}\x1b[39m`);
    expect(out).toContain("\x1b[33m★★★★★\x1b[39m");
    expect(out).toContain("\x1b[1m" + card.name + "\x1b[22m");
    // Escapes do not count as width: the stripped box is as aligned as the plain one.
    const stripped = out.replace(/\x1b\[\d+m/g, "");
    expect(stripped).toBe(renderCard(BuddyCard.parse(card), { color: false, origin: "this install" }));
  });

  test("plugin text cannot smuggle escapes to the terminal, and a long id is shortened", () => {
    const card = { ...companionMod.companion("evil"), name: "Bad\x1b[2Jname", id: "x".repeat(200) };
    const out = plain(card as Card);
    expect(out).not.toContain("\x1b");
    expect(out).toContain("Bad[2Jname");
    expect(out).toContain(`id ${"x".repeat(23)}… (--id)`);
  });

  test("a card keel cannot show is refused field by field", () => {
    const good = companionMod.companion("schema");
    expect(BuddyCard.safeParse(good).success).toBe(true);
    const bad = (patch: Record<string, unknown>) => BuddyCard.safeParse({ ...good, ...patch }).error?.issues[0]?.path.join(".");
    expect(bad({ stars: 9 })).toBe("stars");
    expect(bad({ stats: { debugging: 101 } })).toBe("stats.debugging");
    expect(bad({ frames: [] })).toBe("frames");
    expect(bad({ name: "" })).toBe("name");
  });
});
