// Where a sub-command sits, as a shared list: every command inside the same constructs has
// the same context, so each path (pipeline, loop > pipeline …) is one list made once and
// kept, not a copy per construct per line. The lists are never changed, only extended into
// new ones.
import type { CommandContext } from "./types.ts";

interface Path {
  list: readonly CommandContext[];
  next: Map<CommandContext, Path>;
}

/** Paths kept; past this (only a line built to nest every way there is) lists are made afresh. */
const MAX_PATHS = 4096;
let paths = 1;
const root: Path = { list: [], next: new Map() };
const byList = new WeakMap<readonly CommandContext[], Path>([[root.list, root]]);

/** The context of a command at top level: no construct around it. */
export const TOP_LEVEL: readonly CommandContext[] = root.list;

/** `ctx` with `c` innermost. */
export function within(ctx: readonly CommandContext[], c: CommandContext): readonly CommandContext[] {
  const path = byList.get(ctx);
  const known = path?.next.get(c);
  if (known) return known.list;
  const list = [...ctx, c];
  if (path && paths < MAX_PATHS) {
    const child: Path = { list, next: new Map() };
    path.next.set(c, child);
    byList.set(list, child);
    paths++;
  }
  return list;
}
