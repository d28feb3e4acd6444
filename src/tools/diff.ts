// A line diff (Myers, with common prefix/suffix trimmed first) grouped into unified
// hunks, shaped like jsdiff's structuredPatch so the UI can render edits as diffs.

export interface Hunk {
  /** 1-based line where the hunk starts in the old text (for a pure insertion: the line it goes before). */
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  /** Each line prefixed with " ", "-" or "+". */
  lines: string[];
}

type Op = { op: " " | "-" | "+"; line: string };

/** Beyond this many differences the middle is shown as one removal plus one addition. */
const MAX_EDIT_DISTANCE = 1000;

export function structuredDiff(oldText: string, newText: string, context = 3): Hunk[] {
  if (oldText === newText) return [];
  return toHunks(diffLines(oldText.split("\n"), newText.split("\n")), context);
}

export function diffLines(a: string[], b: string[]): Op[] {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const midA = a.slice(pre, a.length - suf);
  const midB = b.slice(pre, b.length - suf);
  const same = (line: string): Op => ({ op: " ", line });
  return [...a.slice(0, pre).map(same), ...myers(midA, midB), ...a.slice(a.length - suf).map(same)];
}

function myers(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, MAX_EDIT_DISTANCE);
  const off = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && (v[off + k - 1] as number) < (v[off + k + 1] as number)) ? (v[off + k + 1] as number) : (v[off + k - 1] as number) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[off + k] = x;
      if (x >= n && y >= m) return backtrack(a, b, trace, off);
    }
  }
  return [...a.map((line): Op => ({ op: "-", line })), ...b.map((line): Op => ({ op: "+", line }))];
}

function backtrack(a: string[], b: string[], trace: Int32Array[], off: number): Op[] {
  const out: Op[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = trace.length - 1; d >= 0; d--) {
    const v = trace[d] as Int32Array;
    const k = x - y;
    const prevK = k === -d || (k !== d && (v[off + k - 1] as number) < (v[off + k + 1] as number)) ? k + 1 : k - 1;
    const prevX = v[off + prevK] as number;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      out.push({ op: " ", line: a[--x] as string });
      y--;
    }
    if (d === 0) break;
    if (x === prevX) out.push({ op: "+", line: b[--y] as string });
    else out.push({ op: "-", line: a[--x] as string });
  }
  return out.reverse();
}

function toHunks(ops: Op[], context: number): Hunk[] {
  const hunks: Hunk[] = [];
  const changed = ops.map((o, i) => (o.op === " " ? -1 : i)).filter((i) => i >= 0);
  let i = 0;
  while (i < changed.length) {
    // Grow a hunk while the gap to the next change fits in the shared context.
    let last = changed[i] as number;
    let j = i + 1;
    while (j < changed.length && (changed[j] as number) - last <= 2 * context) last = changed[j++] as number;
    const from = Math.max(0, (changed[i] as number) - context);
    const to = Math.min(ops.length - 1, last + context);
    let oldLine = 1;
    let newLine = 1;
    for (let p = 0; p < from; p++) {
      if ((ops[p] as Op).op !== "+") oldLine++;
      if ((ops[p] as Op).op !== "-") newLine++;
    }
    const slice = ops.slice(from, to + 1);
    hunks.push({
      oldStart: oldLine,
      oldLines: slice.filter((o) => o.op !== "+").length,
      newStart: newLine,
      newLines: slice.filter((o) => o.op !== "-").length,
      lines: slice.map((o) => o.op + o.line),
    });
    i = j;
  }
  return hunks;
}
