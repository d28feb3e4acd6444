// The pure part of Grep: find matching lines in one file's text and lay them out the
// way ripgrep does (path:line:text for matches, path-line-text for context, "--"
// between separate groups), so the output reads like what models were trained on.

export interface LineMatch {
  /** 0-based line indexes that match, ascending. */
  lines: number[];
  /** Number of matches (per line without multiline, per match with it). */
  count: number;
}

/** `re` must be global (g) for multiline search; line search ignores lastIndex. */
export function findMatches(text: string, re: RegExp, multiline: boolean): LineMatch {
  if (!multiline) {
    const lines: number[] = [];
    const all = text.split("\n");
    for (let i = 0; i < all.length; i++) {
      const l = all[i] as string;
      re.lastIndex = 0;
      if (re.test(l.endsWith("\r") ? l.slice(0, -1) : l)) lines.push(i);
    }
    if (all.length > 1 && all[all.length - 1] === "" && lines.at(-1) === all.length - 1) lines.pop();
    return { lines, count: lines.length };
  }
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  const hit = new Set<number>();
  let count = 0;
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    count++;
    const first = lineOf(starts, m.index);
    const last = lineOf(starts, m.index + Math.max(0, m[0].length - 1));
    for (let l = first; l <= last; l++) hit.add(l);
    if (m[0].length === 0) re.lastIndex++;
  }
  return { lines: [...hit].sort((a, b) => a - b), count };
}

function lineOf(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export interface ContentOptions {
  before: number;
  after: number;
  lineNumbers: boolean;
  maxLineChars: number;
}

/** Output lines for one file: matches with their context, groups separated by "--". */
export function contentLines(file: string, text: string, matched: number[], o: ContentOptions): string[] {
  const all = text.split("\n");
  const isMatch = new Set(matched);
  const out: string[] = [];
  let lastShown = -2;
  for (const m of matched) {
    const from = Math.max(0, m - o.before, lastShown + 1);
    const to = Math.min(all.length - 1, m + o.after);
    if (lastShown >= 0 && from > lastShown + 1 && (o.before > 0 || o.after > 0)) out.push("--");
    for (let l = from; l <= to; l++) {
      if (l <= lastShown) continue;
      if (l === all.length - 1 && all[l] === "" && !isMatch.has(l)) continue; // the phantom line after a final newline
      const sepChar = isMatch.has(l) ? ":" : "-";
      let line = all[l] as string;
      if (line.endsWith("\r")) line = line.slice(0, -1);
      if (line.length > o.maxLineChars) line = `${line.slice(0, o.maxLineChars)} [… ${line.length - o.maxLineChars} more characters]`;
      out.push(o.lineNumbers ? `${file}${sepChar}${l + 1}${sepChar}${line}` : `${file}${sepChar}${line}`);
      lastShown = l;
    }
  }
  return out;
}
