// `keel -p … --speculative`: keel runs itself again inside an overlay of the project, so
// every change the session makes (file tools and commands alike) waits in the overlay.
// Afterwards it says what changed and how to review, approve or reject it.
import { KeelError } from "../errors.ts";
import { createOverlay, listChanges, overlayArgv, overlaySupport, removeOverlay } from "../overlay/index.ts";
import { paint } from "./output.ts";

export const OVERLAY_ENV = "KEEL_OVERLAY_ID";

/** This binary (or, from source, bun and the entry script), to run keel again. */
function selfArgv(): string[] {
  return Bun.main.startsWith("/$bunfs/") ? [process.execPath] : [process.execPath, Bun.main];
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
  err.write(`review: keel overlay diff ${o.id}   apply: keel overlay approve ${o.id}   discard: keel overlay reject ${o.id}\n`);
  return code;
}
