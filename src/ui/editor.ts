// The prompt's line editor as a pure function of (state, key): typing, cursor moves,
// history, and multi-line input (a trailing backslash or Alt+Enter starts a new line).

export interface EditorState {
  text: string;
  cursor: number;
  history: readonly string[];
  /** Position while browsing history; null when editing a fresh line. */
  browsing: number | null;
}

export interface KeyInfo {
  return?: boolean;
  backspace?: boolean;
  delete?: boolean;
  leftArrow?: boolean;
  rightArrow?: boolean;
  upArrow?: boolean;
  downArrow?: boolean;
  ctrl?: boolean;
  meta?: boolean;
}

export const emptyEditor = (history: readonly string[] = []): EditorState => ({ text: "", cursor: 0, history, browsing: null });

const at = (s: EditorState, text: string, cursor = text.length): EditorState => ({ ...s, text, cursor, browsing: null });

export function edit(s: EditorState, input: string, key: KeyInfo): { state: EditorState; submit?: string } {
  // Typing then Enter can arrive as one chunk ("ls\r"): the text, then the key. Newlines
  // inside a chunk are a paste and stay in the text.
  if (!key.return && input.length > 1 && input.endsWith("\r")) {
    return edit(edit(s, input.slice(0, -1), {}).state, "\r", { return: true });
  }
  if (key.return) {
    if (key.meta) return { state: at(s, s.text.slice(0, s.cursor) + "\n" + s.text.slice(s.cursor), s.cursor + 1) };
    if (s.text.endsWith("\\")) return { state: at(s, `${s.text.slice(0, -1)}\n`) };
    const line = s.text;
    if (!line.trim()) return { state: s };
    return { state: emptyEditor(s.history.at(-1) === line ? s.history : [...s.history, line]), submit: line };
  }
  if (key.backspace || key.delete) {
    if (s.cursor === 0) return { state: s };
    return { state: at(s, s.text.slice(0, s.cursor - 1) + s.text.slice(s.cursor), s.cursor - 1) };
  }
  if (key.leftArrow) return { state: { ...s, cursor: Math.max(0, s.cursor - 1) } };
  if (key.rightArrow) return { state: { ...s, cursor: Math.min(s.text.length, s.cursor + 1) } };
  if (key.upArrow || key.downArrow) {
    if (s.history.length === 0 || s.text.includes("\n")) return { state: s };
    const from = s.browsing ?? s.history.length;
    const to = Math.max(0, Math.min(s.history.length, from + (key.upArrow ? -1 : 1)));
    const text = to === s.history.length ? "" : (s.history[to] as string);
    return { state: { ...s, text, cursor: text.length, browsing: to === s.history.length ? null : to } };
  }
  if (key.ctrl) {
    if (input === "a") return { state: { ...s, cursor: 0 } };
    if (input === "e") return { state: { ...s, cursor: s.text.length } };
    if (input === "u") return { state: at(s, s.text.slice(s.cursor), 0) };
    return { state: s };
  }
  if (!input || key.meta) return { state: s };
  // Several keys may arrive in one chunk (a paste, fast typing): insert them all.
  const clean = input.replace(/\r\n?/g, "\n");
  return { state: at(s, s.text.slice(0, s.cursor) + clean + s.text.slice(s.cursor), s.cursor + clean.length) };
}
