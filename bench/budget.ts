// Shared reporting for benches: one aligned line per measure, its budget beside it.
export interface Measure {
  name: string;
  value: number;
  unit: string;
  /** Upper bound (or lower bound when `atLeast`); absent for figures reported for scale only. */
  budget?: number;
  atLeast?: boolean;
}

export function report(title: string, measures: Measure[]): boolean {
  let ok = true;
  console.log(title);
  for (const m of measures) {
    const v = `${fmt(m.value)} ${m.unit}`;
    let verdict = "";
    if (m.budget !== undefined) {
      const pass = m.atLeast ? m.value >= m.budget : m.value <= m.budget;
      ok &&= pass;
      verdict = `budget ${m.atLeast ? "≥" : "≤"} ${fmt(m.budget)} ${m.unit}  ${pass ? "ok" : "OVER"}`;
    }
    console.log(`  ${m.name.padEnd(44)} ${v.padStart(14)}   ${verdict}`);
  }
  return ok;
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n >= 100 ? n.toFixed(0) : n.toFixed(2));

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] as number;
}
