// Where overlays live: <state>/overlays/<id>/{upper,work,meta.json}. The upper dir holds
// every change a speculative session made to the project; the project itself is untouched.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { KeelError } from "../errors.ts";

export interface OverlayMeta {
  id: string;
  /** The project directory the overlay covers. */
  root: string;
  createdAt: string;
}

export interface OverlayDirs extends OverlayMeta {
  dir: string;
  upper: string;
  work: string;
}

const overlaysDir = (stateDir: string) => join(stateDir, "overlays");

function dirsOf(stateDir: string, meta: OverlayMeta): OverlayDirs {
  const dir = join(overlaysDir(stateDir), meta.id);
  return { ...meta, dir, upper: join(dir, "upper"), work: join(dir, "work") };
}

export function createOverlay(stateDir: string, root: string, now = new Date()): OverlayDirs {
  const id = `ov-${now.toISOString().replace(/[-:]/g, "").slice(0, 15)}-${crypto.randomUUID().slice(0, 6)}`;
  const o = dirsOf(stateDir, { id, root, createdAt: now.toISOString() });
  mkdirSync(o.upper, { recursive: true });
  mkdirSync(o.work, { recursive: true });
  writeFileSync(join(o.dir, "meta.json"), `${JSON.stringify({ id, root, createdAt: o.createdAt }, null, 2)}\n`);
  return o;
}

export function openOverlay(stateDir: string, id: string): OverlayDirs {
  if (!/^ov-[\w-]+$/.test(id)) throw new KeelError(`"${id}" is not an overlay id`, 1, "keel overlay list shows them");
  try {
    const meta = JSON.parse(readFileSync(join(overlaysDir(stateDir), id, "meta.json"), "utf8")) as OverlayMeta;
    return dirsOf(stateDir, meta);
  } catch {
    throw new KeelError(`no overlay ${id} (already approved or rejected?)`, 1, "keel overlay list shows the pending ones");
  }
}

export function listOverlays(stateDir: string): OverlayDirs[] {
  let ids: string[] = [];
  try {
    ids = readdirSync(overlaysDir(stateDir));
  } catch {}
  return ids.flatMap((id) => {
    try {
      return [openOverlay(stateDir, id)];
    } catch {
      return [];
    }
  });
}

/** Discards an overlay (reject, or after approve). The work dir may hold root-owned leftovers; force. */
export function removeOverlay(o: OverlayDirs): void {
  rmSync(o.dir, { recursive: true, force: true });
}
