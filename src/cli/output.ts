// Terminal output helpers: colour only on a TTY and never under NO_COLOR, JSON for scripts.

type Stream = { isTTY?: boolean; write(s: string): unknown };

export function colorEnabled(stream: Stream = process.stdout): boolean {
  const env = process.env;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0") return true;
  return Boolean(stream.isTTY) && env.TERM !== "dumb";
}

const wrap = (open: number, close: number) => (s: string, stream?: Stream) =>
  colorEnabled(stream) ? `\x1b[${open}m${s}\x1b[${close}m` : s;

export const paint = {
  bold: wrap(1, 22),
  dim: wrap(2, 22),
  red: wrap(31, 39),
  green: wrap(32, 39),
  yellow: wrap(33, 39),
  cyan: wrap(36, 39),
};

/**
 * Text from a plugin or marketplace reaching the terminal: without control characters (an
 * escape could repaint the screen or hide a line) or bidi overrides (which reorder it).
 */
export const printable = (s: string) => s.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "");

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function printLine(line = ""): void {
  process.stdout.write(`${line}\n`);
}

export function warn(line: string): void {
  process.stderr.write(`${paint.yellow("warning:", process.stderr)} ${line}\n`);
}
