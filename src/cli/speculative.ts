// `keel -p … --speculative`: keel runs itself again inside an overlay of the project, so
// every change the session makes (file tools and commands alike) waits in the overlay.
// Afterwards it says what changed and how to review, approve or reject it.
import { KeelError } from "../errors.ts";
import { createInterface } from "node:readline/promises";
import { approve, createOverlay, listChanges, type OverlayDirs, overlayArgv, overlaySupport, reject, removeOverlay, renderDiff } from "../overlay/index.ts";
import { headlessSettings } from "./headless-settings.ts";
import { paint } from "./output.ts";

export const OVERLAY_ENV = "KEEL_OVERLAY_ID";

/** This binary (or, from source, bun and the entry script), to run keel again. */
function selfArgv(): string[] {
  return Bun.main.startsWith("/$bunfs/") ? [process.execPath] : [process.execPath, Bun.main];
}

/** The `--speculative` entry, for -p runs and the REPL alike. */
export async function speculate(raw: Record<string, unknown>): Promise<number> {
  const { stateDir, permissions } = await headlessSettings(raw);
  return runSpeculative(stateDir, permissions.projectRoot, process.argv.slice(2));
}

export async function runSpeculative(stateDir: string, projectRoot: string, argv: readonly string[]): Promise<number> {
  const support = await overlaySupport();
  if (!support.available) throw new KeelError(`--speculative: ${support.reason}`);
  const o = createOverlay(stateDir, projectRoot);
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== "BUN_BE_BUN") env[k] = v;
  env[OVERLAY_ENV] = o.id;
  // The child gets the terminal's ^C itself; this process waits to report what it left.
  const ignore = () => {};
  process.on("SIGINT", ignore);
  const child = Bun.spawn(overlayArgv(o, [...selfArgv(), ...argv]), { env, stdin: "inherit", stdout: "inherit", stderr: "inherit" });
  const code = await child.exited;
  process.off("SIGINT", ignore);

  const changes = listChanges(o.root, o.upper);
  const err = process.stderr;
  if (changes.length === 0) {
    removeOverlay(o);
    err.write(`${paint.dim("speculative run: no changes to the project", err)}\n`);
    return code;
  }
  const mark = { added: "A", modified: "M", deleted: "D" } as const;
  err.write(`\n${changes.length} change(s) held in overlay ${paint.bold(o.id, err)}; the project is unchanged:\n`);
  for (const c of changes) err.write(`  ${mark[c.kind]} ${c.path}\n`);
  if (process.stdin.isTTY && err.isTTY) await review(o, changes);
  else err.write(`review: keel overlay diff ${o.id}   apply: keel overlay approve ${o.id}   discard: keel overlay reject ${o.id}\n`);
  return code;
}

/** A person at the terminal decides now: see the diff, approve, reject, or keep it for later. */
async function review(o: OverlayDirs, changes: ReturnType<typeof listChanges>): Promise<void> {
  const err = process.stderr;
  const rl = createInterface({ input: process.stdin, output: err });
  try {
    for (;;) {
      const a = (await rl.question("[d] show the diff  [a] approve  [r] reject  [k] keep for later: ")).trim().toLowerCase();
      if (a === "d") err.write(`${renderDiff(o.root, o.upper, changes)}\n`);
      else if (a === "a") return void (approve(o, changes), err.write(`applied ${changes.length} change(s) to ${o.root}\n`));
      else if (a === "r") return void (reject(o), err.write(`discarded; ${o.root} is as it was\n`));
      else if (a === "k") return void err.write(`kept: keel overlay approve ${o.id} (or reject) when you are ready\n`);
    }
  } finally {
    rl.close();
  }
}
