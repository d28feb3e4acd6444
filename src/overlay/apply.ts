// Approve: copy each change into the real tree, one atomic rename per file, so a crash at
// any point leaves every file either as it was or as approved, never torn. Reject: drop it.
import { chmodSync, lstatSync, mkdirSync, readFileSync, readlinkSync, renameSync, rmSync, symlinkSync } from "node:fs";
import { dirname, join } from "node:path";
import { writeFileAtomicSync } from "../config/index.ts";
import type { Change } from "./changes.ts";
import { type OverlayDirs, removeOverlay } from "./store.ts";

export function approve(o: OverlayDirs, changes: readonly Change[], onApplied: (c: Change) => void = () => {}): void {
  for (const c of changes) {
    const target = join(o.root, c.path);
    if (c.kind === "deleted") {
      rmSync(target, { force: true });
    } else {
      const source = join(o.upper, c.path);
      mkdirSync(dirname(target), { recursive: true });
      const st = lstatSync(source);
      if (st.isSymbolicLink()) {
        const tmp = `${target}.keel-link-${process.pid}`;
        symlinkSync(readlinkSync(source), tmp);
        renameSync(tmp, target);
      } else {
        // Content is replaced atomically; a mode change (chmod +x) follows the rename.
        writeFileAtomicSync(target, readFileSync(source), st.mode & 0o7777);
        if ((lstatSync(target).mode & 0o7777) !== (st.mode & 0o7777)) chmodSync(target, st.mode & 0o7777);
      }
    }
    onApplied(c);
  }
  removeOverlay(o);
}

export function reject(o: OverlayDirs): void {
  removeOverlay(o);
}
