// `keel plugin list`: every installed plugin with its version, publisher, source, whether it
// is signed, and its status (ok / modified / revoked / flag off). `--json` for scripts.
import { resolve } from "node:path";
import { type ContributionSummary, contributionSummary, describeContributions, type LockEntry, loadPluginDir, type PluginPaths, readLockfile, treeDir } from "../plugins/index.ts";
import { type FlagValues, gateOpen } from "../flags/index.ts";
import { currentPluginPaths, flagSnapshot } from "./plugin-context.ts";
import { scanPluginDirs } from "./plugin-host.ts";
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

/** A --plugin-dir plugin as this run loads it: not installed, unsigned, gated by its flag like any other. */
export interface DirRow {
  dir: string;
  name: string;
  version: string;
  status: "ok" | "disabled" | "flag off";
  detail?: string;
  contributes?: ContributionSummary;
}

export function pluginDirRows(dirs: readonly string[], flags: FlagValues, cwd = process.cwd()): DirRow[] {
  return dirs.map((d) => {
    const dir = resolve(cwd, d);
    const p = loadPluginDir(dir, `dir:${dir}`);
    const base = { dir, name: p.name, version: p.version };
    if (p.disabled) return { ...base, status: "disabled", detail: p.disabled };
    const flag = p.manifest.flag;
    const row: DirRow = { ...base, status: "ok", contributes: contributionSummary(p) };
    return gateOpen(flags, flag) ? row : { ...row, status: "flag off", detail: `the feature flag ${flag} is off (keel flags set ${flag} true turns it on)` };
  });
}

function printDirRows(dirRows: readonly DirRow[]): void {
  if (!dirRows.length) return;
  printLine("loaded for this run from --plugin-dir (not installed, unsigned):");
  for (const r of dirRows) {
    const what = r.status === "disabled" ? paint.red(`disabled: ${r.detail}`) : `${r.status === "ok" ? paint.green("ok") : paint.dim(r.status)}, contributes ${describeContributions(r.contributes as ContributionSummary)}`;
    // A plugin that does not load has no version to show.
    printLine(`  ${r.name}${r.status === "disabled" ? "" : ` ${r.version}`}  ${paint.dim(r.dir)}  ${what}`);
  }
}

export async function pluginList(o: ListOptions): Promise<void> {
  const paths = await currentPluginPaths();
  const lock = readLockfile(paths);
  const { rows, note } = await gatherStatus(paths, lock);
  for (const r of rows) {
    // A changed tree is not read (a session does not load it either): it contributes nothing.
    const c = r.status === "modified" ? undefined : contributionsOf(paths, r.entry);
    if (c) contributed.set(r, c);
  }
  const dirs = scanPluginDirs(process.argv.slice(2));
  const dirRows = dirs.length ? pluginDirRows(dirs, await flagSnapshot()) : [];
  if (o.json) return printJson({ plugins: rows.map(rowJson), ...(dirRows.length ? { pluginDirs: dirRows } : {}), ...(note ? { note } : {}) });
  if (note) warn(note);
  if (rows.length === 0) {
    printLine(paint.dim("no plugins installed (keel plugin browse shows what there is)"));
    return printDirRows(dirRows);
  }
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
  printDirRows(dirRows);
}
