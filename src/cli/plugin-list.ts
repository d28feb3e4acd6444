// `keel plugin list`: every installed plugin with its version, publisher, source, whether it
// is signed, and its status (ok / modified / revoked / flag off). `--json` for scripts.
import { type ContributionSummary, contributionSummary, describeContributions, type LockEntry, loadPluginDir, type PluginPaths, readLockfile, treeDir } from "../plugins/index.ts";
import { currentPluginPaths } from "./plugin-context.ts";
import { gatherStatus, type PluginStatus, type StatusRow } from "./plugin-status.ts";
import { paint, printJson, printLine, warn } from "./output.ts";

export interface ListOptions {
  json?: boolean;
  flag?: string[];
}

/** The columns, in order: each a header and how a row fills it. */
const COLUMNS: Array<[header: string, cell: (r: StatusRow) => string]> = [
  ["NAME", (r) => r.entry.name],
  ["VERSION", (r) => r.entry.version],
  ["PUBLISHER", (r) => r.entry.publisher],
  ["SOURCE", (r) => r.entry.source],
  ["SIGNED", (r) => (r.entry.signed ? "yes" : "no")],
  ["STATUS", (r) => r.status],
];

/** What each row's plugin contributes, read from its store tree (a tree that cannot be read shows "?"). */
const contributed = new WeakMap<StatusRow, ContributionSummary>();
const contributionsOf = (paths: PluginPaths, e: LockEntry): ContributionSummary | undefined => {
  const p = loadPluginDir(treeDir(paths, e.treeHash), `installed:${e.source}`);
  return p.disabled ? undefined : contributionSummary(p);
};

const STATUS_PAINT: Record<PluginStatus, (s: string) => string> = {
  ok: (s) => paint.green(s),
  modified: (s) => paint.red(s),
  revoked: (s) => paint.red(s),
  "flag off": (s) => paint.dim(s),
};

export function rowJson(r: StatusRow) {
  const e = r.entry;
  return {
    name: e.name,
    version: e.version,
    publisher: e.publisher,
    source: e.source,
    signed: e.signed,
    status: r.status,
    ...(r.detail ? { detail: r.detail } : {}),
    capabilities: e.capabilities,
    ...(e.flag ? { flag: e.flag } : {}),
    treeHash: e.treeHash,
    installedAt: e.installedAt,
    ...(contributed.has(r) ? { contributes: contributed.get(r) } : {}),
  };
}

export async function pluginList(o: ListOptions): Promise<void> {
  const paths = await currentPluginPaths();
  const lock = readLockfile(paths);
  const { rows, note } = await gatherStatus(paths, lock, o.flag);
  for (const r of rows) {
    const c = contributionsOf(paths, r.entry);
    if (c) contributed.set(r, c);
  }
  if (o.json) return printJson({ plugins: rows.map(rowJson), ...(note ? { note } : {}) });
  if (note) warn(note);
  if (rows.length === 0) return printLine(paint.dim("no plugins installed (keel plugin browse shows what there is)"));
  const cells = rows.map((r) => COLUMNS.map(([, cell]) => cell(r)));
  const widths = COLUMNS.map(([h], i) => Math.max(h.length, ...cells.map((c) => (c[i] as string).length)));
  const line = (c: string[]) => c.map((v, i) => (i === c.length - 1 ? v : v.padEnd(widths[i] as number))).join("  ");
  printLine(paint.bold(line(COLUMNS.map(([h]) => h))));
  rows.forEach((r, i) => {
    const c = cells[i] as string[];
    const last = c.length - 1;
    printLine(line([...c.slice(0, last), STATUS_PAINT[r.status](c[last] as string)]));
  });
  for (const r of rows) if (r.detail && r.status !== "ok") printLine(paint.dim(`${r.entry.name}: ${r.detail}`));
  // What each contributes, one line per plugin under the table (long lists would swamp a column).
  for (const r of rows) {
    const c = contributed.get(r);
    if (c) printLine(`${r.entry.name} contributes ${describeContributions(c)}${r.status === "flag off" ? ` (not while flag ${r.entry.flag ?? ""} is off)` : ""}`);
  }
}
