// Every species animates in a fixed box: 2–4 frames, all SPRITE_ROWS × SPRITE_COLS, plain
// printable ASCII (one terminal cell per character), and the frames actually differ.
import { describe, expect, test } from "bun:test";
import { companionMod, speciesMod, spriteMod } from "./load.ts";

const { SPRITE_ROWS, SPRITE_COLS } = spriteMod;
const dims = (frame: string[]) => [frame.length, ...new Set(frame.map((r) => r.length))];

describe("buddy sprites", () => {
  test("18 species with distinct ids, labels and sounds", () => {
    const s = speciesMod.SPECIES;
    expect(s).toHaveLength(18);
    expect(new Set(s.map((x) => x.id)).size).toBe(18);
    expect(new Set(s.map((x) => x.label)).size).toBe(18);
    expect(new Set(s.map((x) => x.temperament))).toEqual(new Set(["cheerful", "grumpy", "stoic", "anxious", "sage", "chaotic"]));
  });

  test.each(speciesMod.SPECIES.map((s) => [s.id, s] as const))("%s: 2–4 frames of equal size that animate", (_id, s) => {
    expect(s.frames.length).toBeGreaterThanOrEqual(2);
    expect(s.frames.length).toBeLessThanOrEqual(4);
    for (const f of s.frames) {
      expect(dims(f)).toEqual([SPRITE_ROWS, SPRITE_COLS]);
      for (const row of f) expect(row).toMatch(/^[\x20-\x7e]*$/);
      expect(f.join("").trim()).not.toBe(""); // something is drawn
    }
    expect(new Set(s.frames.map((f) => f.join("\n"))).size).toBe(s.frames.length);
  });

  test("shiny frames are the sprite inside a ring of sparkles, two cells larger each way", () => {
    let id = 0;
    while (!companionMod.companion(`shiny-hunt-${id}`).shiny) id++;
    const card = companionMod.companion(`shiny-hunt-${id}`);
    const base = speciesMod.SPECIES.find((s) => s.id === card.species)!.frames;
    expect(card.frames).toHaveLength(base.length);
    card.frames.forEach((f, i) => {
      expect(dims(f)).toEqual([SPRITE_ROWS + 2, SPRITE_COLS + 2]);
      expect(f.slice(1, -1).map((row) => row.slice(1, -1))).toEqual(base[i]!);
      expect((f[0]! + f.at(-1)!).replace(/ /g, "")).toMatch(/^[*+'.]{4,}$/);
    });
    // The sparkles twinkle: the ring is not the same in every frame.
    expect(new Set(card.frames.map((f) => f[0])).size).toBeGreaterThan(1);
  });

  test("a plain card's frames are the species' frames", () => {
    let id = 0;
    while (companionMod.companion(`plain-${id}`).shiny) id++;
    const card = companionMod.companion(`plain-${id}`);
    expect(card.frames).toEqual(speciesMod.SPECIES.find((s) => s.id === card.species)!.frames);
  });

  test("a sprite that does not fit is refused when the table loads, naming species, frame and row", () => {
    expect(() => spriteMod.frames("newt", "\na\nb\nc\n", "\na\nb\nc\nd\n")).toThrow("buddy sprite newt frame 0: 3 rows, expected 4");
    expect(() => spriteMod.frames("newt", `\n${"x".repeat(13)}\nb\nc\nd\n`)).toThrow("buddy sprite newt frame 0 row 0: 13 columns, at most 12");
    expect(spriteMod.frames("newt", "\n\n  o\nb\nc\n")[0]).toEqual(["            ", "  o         ", "b           ", "c           "]);
  });
});
