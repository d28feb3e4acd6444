// The same id gives the same companion — in this process, in a separate process, and in every
// future version of the plugin (pinned cards) — and different ids give different companions.
import { describe, expect, test } from "bun:test";
import { randomUUID } from "node:crypto";
import { resolve } from "node:path";
import { type Card, companionMod, PLUGIN_DIR } from "./load.ts";

const { companion } = companionMod;
const withoutFrames = ({ frames: _f, ...rest }: Card) => rest;

describe("buddy determinism", () => {
  test("these ids keep these companions (a change here changes every user's companion)", () => {
    expect(withoutFrames(companion("alice@example.com"))).toEqual({
      version: "keel-buddy/v1", id: "alice@example.com", name: "Wrenbert", species: "capybara", speciesLabel: "Capybara",
      temperament: "stoic", sound: "Hm.", rarity: "uncommon", rarityLabel: "Uncommon", stars: 2, shiny: false,
      stats: { debugging: 20, snark: 29, patience: 27, chaos: 34, wisdom: 79 }, peak: "wisdom",
    });
    expect(withoutFrames(companion("id-37"))).toMatchObject({ name: "Fenry", species: "octopus", rarity: "legendary", shiny: false, peak: "debugging" });
    expect(withoutFrames(companion("id-2"))).toMatchObject({ name: "Pipwump", species: "cactus", rarity: "rare", shiny: true, stats: { snark: 96 } });
  });

  test("the same id twice gives an identical card, and the caller cannot change the cached one", () => {
    const a = companion("bob");
    const copy = structuredClone(a);
    expect(companion("bob")).toEqual(copy);
    expect(() => ((a.stats as Record<string, number>).chaos = 100)).toThrow(TypeError);
    expect(() => (a.frames[0] as string[]).push("extra")).toThrow(TypeError);
    expect(() => ((a as { shiny: boolean }).shiny = !a.shiny)).toThrow(TypeError);
    // Fresh ids in between flush nothing that matters: the card is recomputed identically.
    for (let i = 0; i < 200; i++) companion(`filler-${i}`);
    expect(companion("bob")).toEqual(copy);
  });

  test("a separate process computes the same cards", async () => {
    const ids = ["alice@example.com", "bob", ...Array.from({ length: 50 }, () => randomUUID())];
    const script = `
      const { companion } = await import(${JSON.stringify(resolve(PLUGIN_DIR, "lib/companion.js"))});
      const ids = JSON.parse(process.argv[1]);
      process.stdout.write(JSON.stringify(ids.map((id) => companion(id))));`;
    const proc = Bun.spawn([process.execPath, "-e", script, JSON.stringify(ids)], { stdout: "pipe", stderr: "pipe", env: { ...process.env, TZ: "Pacific/Chatham", LANG: "tr_TR.UTF-8" } });
    const [out, err, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
    expect(err).toBe("");
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual(ids.map((id) => companion(id)));
  });

  test("different ids give different companions", () => {
    const cards = Array.from({ length: 2000 }, () => withoutFrames(companion(randomUUID())));
    const distinct = new Set(cards.map(({ id: _id, ...c }) => JSON.stringify(c)));
    expect(distinct.size).toBe(cards.length);
    expect(new Set(cards.map((c) => c.species)).size).toBe(18);
    // Near-identical ids are not near-identical companions.
    const a = companion("user-1000");
    const b = companion("user-1001");
    expect(JSON.stringify(withoutFrames(a)).replace(a.id, "")).not.toBe(JSON.stringify(withoutFrames(b)).replace(b.id, ""));
  });

  test("nothing but the id goes in: an empty or oversized id is refused by name", () => {
    expect(() => companion("")).toThrow(/id must be a non-empty string/);
    expect(() => companion("   ")).toThrow(/id must be a non-empty string/);
    expect(() => companion("x".repeat(companionMod.MAX_ID_LENGTH + 1))).toThrow(/at most 256 characters/);
    expect(() => companion(42 as unknown as string)).toThrow(/got 42/);
    expect(companion("x".repeat(companionMod.MAX_ID_LENGTH)).id).toHaveLength(256);
  });
});
