// `keel overlay list|diff|approve|reject`: review what a speculative run left in its
// overlay and decide. Approve shows the diff first and asks (or takes --yes).
import { createInterface } from "node:readline/promises";
import { KeelError } from "../errors.ts";
import { approve, listChanges, listOverlays, openOverlay, type OverlayDirs, reject, renderDiff } from "../overlay/index.ts";
import { paint, printJson, printLine } from "./output.ts";
import { processSettings } from "./settings-context.ts";

async function stateDir(): Promise<string> {
  return (await processSettings()).paths.stateDir;
}

function colourDiff(diff: string): string {
  return diff
    .split("\n")
    .map((l) => (l.startsWith("+") && !l.startsWith("+++") ? paint.green(l) : l.startsWith("-") && !l.startsWith("---") ? paint.red(l) : l.startsWith("@@") ? paint.cyan(l) : l))
    .join("\n");
}

export async function overlayList(opts: { json?: boolean }): Promise<void> {
  const all = listOverlays(await stateDir()).map((o) => ({ id: o.id, root: o.root, createdAt: o.createdAt, changes: listChanges(o.root, o.upper) }));
  if (opts.json) return printJson(all);
  if (all.length === 0) return printLine(paint.dim("no pending overlays"));
  for (const o of all) printLine(`${paint.bold(o.id)}  ${o.changes.length} change(s)  ${o.root}  ${paint.dim(o.createdAt)}`);
}

export async function overlayDiff(id: string, opts: { json?: boolean }): Promise<void> {
  const o = openOverlay(await stateDir(), id);
  const changes = listChanges(o.root, o.upper);
  if (opts.json) return printJson({ id, root: o.root, changes, diff: renderDiff(o.root, o.upper, changes) });
  printLine(colourDiff(renderDiff(o.root, o.upper, changes)));
}

async function confirm(o: OverlayDirs, count: number): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(`Apply ${count} change(s) to ${o.root}? [y/N] `)).trim());
  } finally {
    rl.close();
  }
}

export async function overlayApprove(id: string, opts: { yes?: boolean }): Promise<void> {
  const o = openOverlay(await stateDir(), id);
  const changes = listChanges(o.root, o.upper);
  if (!opts.yes) {
    if (!process.stdin.isTTY) throw new KeelError("approve needs a person to see the diff and answer, or --yes", 1, `keel overlay diff ${id} shows it`);
    printLine(colourDiff(renderDiff(o.root, o.upper, changes)));
    if (!(await confirm(o, changes.length))) return printLine("nothing applied; the overlay is kept");
  }
  approve(o, changes);
  printLine(`applied ${changes.length} change(s) to ${o.root}`);
}

export async function overlayReject(id: string): Promise<void> {
  const o = openOverlay(await stateDir(), id);
  const n = listChanges(o.root, o.upper).length;
  reject(o);
  printLine(`discarded ${n} change(s); ${o.root} is as it was`);
}
