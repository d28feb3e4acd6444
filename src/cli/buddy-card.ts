// The buddy card as keel shows it: the card object the buddy plugin returns (checked here,
// since it crosses the plugin-host boundary) drawn as a box with the sprite, name, rarity
// stars, the shiny mark and stat bars. Pure over (card, options) so tests can look at it.
import { z } from "zod";
import { printable } from "./output.ts";

/** What buddy's `card` call returns; unknown fields pass through to `--json` untouched. */
export const BuddyCard = z.looseObject({
  id: z.string(),
  name: z.string().min(1).max(64),
  species: z.string(),
  speciesLabel: z.string(),
  rarity: z.string(),
  rarityLabel: z.string(),
  stars: z.number().int().min(0).max(5),
  shiny: z.boolean(),
  stats: z.record(z.string(), z.number().min(0).max(100)),
  peak: z.string(),
  frames: z.array(z.array(z.string()).min(1)).min(1),
});
export type BuddyCard = z.infer<typeof BuddyCard>;

export interface RenderOptions {
  color: boolean;
  /** Where the id came from, shown under the stats: "KEEL_ACCOUNT_ID", "this install", "preview". */
  origin: string;
}

type Style = "bold" | "dim" | "green" | "cyan" | "magenta" | "yellow";
const SGR: Record<Style, [number, number]> = { bold: [1, 22], dim: [2, 22], green: [32, 39], cyan: [36, 39], magenta: [35, 39], yellow: [33, 39] };

/** A run of text and how to paint it; widths are counted on the text alone. */
type Seg = { text: string; style?: Style | undefined };
type Row = Seg[];

const RARITY_STYLE: Record<string, Style> = { common: "dim", uncommon: "green", rare: "cyan", epic: "magenta", legendary: "yellow" };
const BAR_CELLS = 20;

const width = (row: Row) => row.reduce((n, s) => n + [...s.text].length, 0);
const paint = (row: Row, color: boolean) => row.map((s) => (color && s.style ? `\x1b[${SGR[s.style][0]}m${s.text}\x1b[${SGR[s.style][1]}m` : s.text)).join("");

const label = (stat: string) => stat.charAt(0).toUpperCase() + stat.slice(1);

const clean = printable;

const MAX_SHOWN_ID = 24;
const shortId = (id: string) => ([...id].length > MAX_SHOWN_ID ? `${[...id].slice(0, MAX_SHOWN_ID - 1).join("")}…` : id);

function bar(value: number): string {
  const filled = Math.round((value / 100) * BAR_CELLS);
  return "█".repeat(filled) + "░".repeat(BAR_CELLS - filled);
}

export function renderCard(raw: BuddyCard, o: RenderOptions): string {
  const card = sanitized(raw);
  const tint = RARITY_STYLE[card.rarity] ?? "bold";
  const sprite = card.frames[0] ?? [];
  const spriteW = Math.max(0, ...sprite.map((l) => [...l].length));
  const info: Row[] = [
    [{ text: card.name, style: "bold" }],
    [{ text: `${card.rarityLabel} ${card.speciesLabel}`, style: tint }],
    [{ text: "★".repeat(card.stars), style: tint }, { text: "☆".repeat(5 - card.stars), style: "dim" }],
    card.shiny ? [{ text: "✦ shiny ✦", style: "yellow" }] : [],
  ];
  const top: Row[] = Array.from({ length: Math.max(sprite.length, info.length) }, (_, i) => [
    { text: (sprite[i] ?? "").padEnd(spriteW), style: card.shiny ? "yellow" : undefined },
    { text: "   " },
    ...(info[i] ?? []),
  ]);
  const nameW = Math.max(...Object.keys(card.stats).map((k) => k.length));
  const stats: Row[] = Object.entries(card.stats).map(([k, v]) => [
    { text: `${label(k).padEnd(nameW)}  ` },
    { text: bar(v), style: k === card.peak ? tint : undefined },
    { text: ` ${String(v).padStart(3)}${k === card.peak ? " ▲" : ""}` },
  ]);
  const footer: Row = [{ text: `id ${shortId(card.id)} (${o.origin})`, style: "dim" }];
  const body: Row[] = [...top, [], ...stats, [], footer];
  const inner = Math.max(...body.map(width));
  const line = (row: Row) => `│ ${paint(row, o.color)}${" ".repeat(inner - width(row))} │`;
  return [`╭${"─".repeat(inner + 2)}╮`, ...body.map(line), `╰${"─".repeat(inner + 2)}╯`].join("\n");
}

function sanitized(c: BuddyCard): BuddyCard {
  return {
    ...c,
    id: clean(c.id),
    name: clean(c.name),
    speciesLabel: clean(c.speciesLabel),
    rarityLabel: clean(c.rarityLabel),
    stats: Object.fromEntries(Object.entries(c.stats).map(([k, v]) => [clean(k), Math.round(v)])),
    peak: clean(c.peak),
    frames: c.frames.map((f) => f.map(clean)),
  };
}
