// `keel buddy [--id ID] [--json]` and the REPL's `/buddy`: the companion's card. The card
// comes from the buddy plugin's host (plugin code runs out of process, through the plugin
// runtime), is checked on the way in, and is drawn here; --json prints it as the plugin gave it.
import { installIdentity, type InstallIdentity } from "../config/index.ts";
import { KeelError } from "../errors.ts";
import type { PluginRuntime } from "../plugins/index.ts";
import { BuddyCard, renderCard } from "./buddy-card.ts";
import { colorEnabled, printJson, printLine, warn } from "./output.ts";
import { closePlugins, processPlugins } from "./plugin-host.ts";
import { processSettings } from "./settings-context.ts";

export const PLUGIN = "buddy";
const MAX_ID_LENGTH = 256;
/** A cold host start (the binary re-executing itself, a sandbox) plus one call; far above normal. */
const CARD_TIMEOUT_MS = 20_000;

export interface BuddyOptions {
  id?: string;
  json?: boolean;
}

export interface FetchedCard {
  card: BuddyCard;
  /** The card exactly as the plugin returned it (key order and all), for --json. */
  raw: unknown;
  /** Where the id came from, for the card's footer. */
  origin: string;
}

function checkId(id: string): string {
  if (id.trim() === "" || id.length > MAX_ID_LENGTH) throw new KeelError(`--id must be a non-empty id of at most ${MAX_ID_LENGTH} characters`, 2);
  return id;
}

const originOf = (who: InstallIdentity) => (who.source === "account" ? "KEEL_ACCOUNT_ID" : "this install");

/**
 * Asks the buddy plugin's host for a card through this process's plugin runtime (installed
 * plugins and --plugin-dir, gated by the flags; see plugin-host.ts). `runtime`: one the
 * caller already holds; otherwise the process's shared one.
 */
export async function fetchCard(o: { id?: string; runtime?: PluginRuntime; notify?: (line: string) => void } = {}): Promise<FetchedCard> {
  if (o.id !== undefined) checkId(o.id);
  const loaded = await processSettings();
  const who = installIdentity(loaded.paths);
  const runtime = o.runtime ?? (await processPlugins({ notify: o.notify ?? warn }));
  const plugin = runtime.plugin(PLUGIN);
  if (!plugin) {
    const harbor = (await flagOn("harbor")) ? undefined : "`keel plugin` needs the harbor flag: keel flags set harbor true";
    throw new KeelError("the buddy plugin is not installed: run `keel plugin install buddy`", 1, harbor);
  }
  if (!plugin.enabled) throw new KeelError(`the buddy plugin is disabled: ${plugin.disabled ?? "no reason given"}`, 1);
  const raw = await runtime.call(PLUGIN, "card", o.id !== undefined ? { id: o.id } : {}, { timeoutMs: CARD_TIMEOUT_MS }).catch((e: Error) => {
    throw new KeelError(e.message, 1);
  });
  const parsed = BuddyCard.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new KeelError(`plugin buddy returned a card keel cannot show: ${issue?.path.join(".") || "card"}: ${issue?.message}`, 1);
  }
  return { card: parsed.data, raw, origin: o.id !== undefined ? "preview" : originOf(who) };
}

/** The card drawn for a person (frames[0] of the sprite), colour only where output.ts allows it. */
export const cardText = (f: FetchedCard, color = colorEnabled(process.stdout)): string => renderCard(f.card, { color, origin: f.origin });

export async function buddy(opts: BuddyOptions): Promise<void> {
  try {
    const fetched = await fetchCard(opts.id !== undefined ? { id: opts.id } : {});
    if (opts.json) printJson(fetched.raw);
    else printLine(cardText(fetched));
  } finally {
    await closePlugins();
  }
}

/** Is a flag on for this process? The same snapshot rule as the command table (--flag counts). */
async function flagOn(flag: string): Promise<boolean> {
  const [{ gateOpen }, { processFlags }] = await Promise.all([import("../flags/index.ts"), import("./flags.ts")]);
  return gateOpen((await processFlags()).snapshot, flag);
}

/** For the REPL: is `/buddy` offered? */
export const buddyFlagOn = (): Promise<boolean> => flagOn(PLUGIN);

/** `/buddy [id]` in the REPL: the card as text (no colour: the UI styles its own lines), or the one-line error. */
export async function buddySlash(args: readonly string[], notify: (line: string) => void): Promise<string> {
  return cardText(await fetchCard({ ...(args[0] !== undefined ? { id: args.join(" ") } : {}), notify }), false);
}
