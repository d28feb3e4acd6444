// The browse screen as pure functions: keys parsed from raw terminal input, a reducer from
// (state, key) to the next state and an effect, and a render to lines. The driver in
// plugin-browse.ts only wires these to the terminal.
import type { CatalogItem } from "./plugin-catalog.ts";
import { matches } from "./plugin-catalog.ts";

export type Key = "up" | "down" | "enter" | "backspace" | "escape" | "quit" | { char: string };

export interface BrowseState {
  items: readonly CatalogItem[];
  filter: string;
  /** Index into the filtered list. */
  selected: number;
  view: "list" | "info";
  /** One line at the bottom: the last install's result or error. */
  message?: string;
}

export type Effect = "quit" | "install" | undefined;

/** Raw input may hold several keys at once (fast typing, pastes); escape sequences are kept whole. */
export function parseKeys(chunk: string): Key[] {
  const keys: Key[] = [];
  for (let i = 0; i < chunk.length; i++) {
    const c = chunk[i] as string;
    if (c === "\x1b") {
      const seq = chunk.slice(i, i + 3);
      if (seq === "\x1b[A" || seq === "\x1bOA") {
        keys.push("up");
        i += 2;
      } else if (seq === "\x1b[B" || seq === "\x1bOB") {
        keys.push("down");
        i += 2;
      } else if (chunk[i + 1] === "[") {
        i += 2; // another CSI sequence (←, →, …): ignored whole
        while (i < chunk.length && !/[A-Za-z~]/.test(chunk[i] as string)) i++;
      } else keys.push("escape");
    } else if (c === "\r" || c === "\n") keys.push("enter");
    else if (c === "\x7f" || c === "\b") keys.push("backspace");
    else if (c === "\x03" || c === "\x04") keys.push("quit");
    else if (c >= " ") keys.push({ char: c });
  }
  return keys;
}

export const visible = (s: BrowseState): CatalogItem[] => s.items.filter((i) => matches(i, s.filter));

export function reduce(s: BrowseState, key: Key): { state: BrowseState; effect?: Effect } {
  const list = visible(s);
  const clamp = (n: number, len = list.length) => Math.max(0, Math.min(n, len - 1));
  if (key === "quit") return { state: s, effect: "quit" };
  if (s.view === "info") {
    if (typeof key === "object" && key.char === "i") return { state: s, effect: "install" };
    if (key === "escape" || key === "backspace" || key === "enter" || (typeof key === "object" && key.char === "q")) return { state: { ...s, view: "list" } };
    return { state: s };
  }
  if (key === "up") return { state: { ...s, selected: clamp(s.selected - 1) } };
  if (key === "down") return { state: { ...s, selected: clamp(s.selected + 1) } };
  if (key === "enter") return list.length ? { state: { ...s, view: "info" } } : { state: s };
  if (key === "escape") return s.filter ? { state: { ...s, filter: "", selected: 0 } } : { state: s, effect: "quit" };
  const filter = key === "backspace" ? s.filter.slice(0, -1) : `${s.filter}${key.char}`;
  return { state: { ...s, filter, selected: 0 } };
}

export function selectedItem(s: BrowseState): CatalogItem | undefined {
  return visible(s)[s.selected];
}

/** The screen as lines (no colour codes here; the driver adds none either, so NO_COLOR holds trivially). */
export function render(s: BrowseState, rows: number, cols: number, info: (i: CatalogItem) => string[]): string[] {
  const cut = (l: string) => (l.length > cols ? `${l.slice(0, cols - 1)}…` : l);
  const out: string[] = [];
  const item = selectedItem(s);
  if (s.view === "info" && item) {
    out.push(...info(item), "", "i install · Esc back · Ctrl-C quit");
  } else {
    const list = visible(s);
    out.push(`keel plugins — ${list.length} of ${s.items.length}`, `filter: ${s.filter}▏`, "");
    const height = Math.max(3, rows - 6);
    const top = Math.max(0, Math.min(s.selected - Math.floor(height / 2), list.length - height));
    list.slice(top, top + height).forEach((i, k) => {
      const mark = top + k === s.selected ? "›" : " ";
      const tags = [i.signed ? "" : "unsigned", i.installed ? `installed ${i.installed}` : ""].filter(Boolean).join(", ");
      out.push(`${mark} ${i.spec.padEnd(28)} ${i.version.padEnd(10)} ${tags ? `[${tags}] ` : ""}${i.description}`);
    });
    if (list.length === 0) out.push("  nothing matches");
    out.push("", `type to filter · ↑/↓ move · Enter info (then i to install) · ${s.filter ? "Esc clears the filter" : "Esc quit"}`);
  }
  if (s.message) out.push(s.message);
  return out.map(cut);
}
