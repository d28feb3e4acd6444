// plugins/buddy/README.md publishes the odds; this parses it so the page and the code cannot drift.
import { expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PLUGIN_DIR, rarityMod, speciesMod, statsMod } from "./load.ts";

const readme = readFileSync(join(PLUGIN_DIR, "README.md"), "utf8");

/** Rows of the markdown table whose header row starts with `| first |`. */
function table(first: string): string[][] {
  const lines = readme.split("\n");
  const start = lines.findIndex((l) => l.startsWith(`| ${first} |`));
  if (start < 0) throw new Error(`README.md has no table headed "${first}"`);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith("|")) break;
    rows.push(line.split("|").slice(1, -1).map((c) => c.trim()));
  }
  return rows;
}

const percentToBasisPoints = (cell: string) => {
  const m = /^(\d+(?:\.\d+)?)%$/.exec(cell);
  if (!m) throw new Error(`README.md: "${cell}" is not a percentage`);
  return Math.round(Number(m[1]) * 100);
};

test("the rarity table in README.md is the code's table", () => {
  const rows = table("Rarity").map(([label, odds, stars, floor]) => ({
    label,
    basisPoints: percentToBasisPoints(odds!),
    stars: [...stars!].length,
    statFloor: Number(floor),
  }));
  expect(rows).toEqual(rarityMod.TIERS.map(({ label, basisPoints, stars, statFloor }) => ({ label, basisPoints, stars, statFloor })));
});

test("the shiny odds in README.md are the code's", () => {
  expect(table("Variant")).toEqual([["Shiny", `${rarityMod.SHINY_BASIS_POINTS / 100}%`]]);
});

test("README.md names every species and stat, and the stat ranges it states", () => {
  const speciesLine = /Species: 18, each equally likely \(1 in 18\): ([^.]+)\./.exec(readme.replace(/\n/g, " "));
  expect(speciesLine?.[1]?.split(/,\s*/)).toEqual(speciesMod.SPECIES.map((s) => s.label));
  const statsLine = readme.replace(/\n/g, " ");
  expect(statsLine).toContain(`Stats: ${statsMod.STATS.slice(0, -1).map((s) => s.label).join(", ")} and ${statsMod.STATS.at(-1)!.label}, 0–100.`);
  expect(statsLine).toContain(`between floor + ${statsMod.PEAK_GAP} and 100, the others between the floor and floor + ${statsMod.SPREAD - 1}`);
});
