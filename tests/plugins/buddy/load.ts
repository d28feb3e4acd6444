// The buddy plugin's modules are plain JavaScript (the plugin host imports them from disk);
// this gives the tests their shapes without turning on allowJs for the whole project.
import { resolve } from "node:path";

export const PLUGIN_DIR = resolve(import.meta.dir, "../../../plugins/buddy");

export type StatId = "debugging" | "snark" | "patience" | "chaos" | "wisdom";
export interface Card {
  version: string;
  id: string;
  name: string;
  species: string;
  speciesLabel: string;
  temperament: string;
  sound: string;
  rarity: string;
  rarityLabel: string;
  stars: number;
  shiny: boolean;
  stats: Record<StatId, number>;
  peak: StatId;
  frames: string[][];
}
export interface Tier {
  id: string;
  label: string;
  basisPoints: number;
  stars: number;
  statFloor: number;
}
export interface Species {
  id: string;
  label: string;
  sound: string;
  temperament: string;
  frames: string[][];
}
export interface HostCtx {
  pluginRoot: string;
  installId: string;
  cwd: string;
}
export interface HostModule {
  widgets: { companion: { frames(ctx: HostCtx): string[][]; react(event: { kind: string; detail?: string }, ctx: HostCtx): string | undefined } };
  calls: { card(params: { id?: string } | undefined, ctx: HostCtx): Card };
}

const load = async <T>(rel: string): Promise<T> => (await import(resolve(PLUGIN_DIR, rel))) as T;

export const companionMod = await load<{ companion(id: string): Card; MAX_ID_LENGTH: number }>("lib/companion.js");
export const rarityMod = await load<{ TIERS: readonly Tier[]; SHINY_BASIS_POINTS: number }>("lib/rarity.js");
export const speciesMod = await load<{ SPECIES: readonly Species[] }>("lib/species.js");
export const spriteMod = await load<{ SPRITE_ROWS: number; SPRITE_COLS: number; frames(species: string, ...texts: string[]): string[][] }>("lib/sprite.js");
export const statsMod = await load<{ STATS: readonly { id: StatId; label: string }[]; SPREAD: number; PEAK_GAP: number }>("lib/stats.js");
export const voicesMod = await load<{ VOICES: Record<string, Record<string, readonly string[]>> }>("lib/voices.js");
export const reactMod = await load<{ resetReactions(): void }>("lib/react.js");
export const host = await load<HostModule>("host.js");
