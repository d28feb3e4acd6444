// Terminal focus reporting (xterm's mode 1004): the terminal sends ESC [ I on focus in and
// ESC [ O on focus out. Keel turns it on for the REPL and passes the signal on.
export const FOCUS_ON = "\x1b[?1004h";
export const FOCUS_OFF = "\x1b[?1004l";

/** The last focus change in a chunk of terminal input, if any. */
export function focusIn(chunk: string): boolean | undefined {
  const i = chunk.lastIndexOf("\x1b[I");
  const o = chunk.lastIndexOf("\x1b[O");
  if (i < 0 && o < 0) return undefined;
  return i > o;
}

/** What Ink hands useInput for those sequences (it strips the ESC). */
export const isFocusInput = (input: string) => input === "[I" || input === "[O";
