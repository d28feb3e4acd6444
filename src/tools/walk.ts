// The .gitignore-aware directory walk that Glob, Grep and LS share. It honours nested
// .gitignore files (and those of ancestors up to the git root), never enters .git, and
// prunes ignored directories instead of filtering their contents, so node_modules costs nothing.
import { existsSync, readFileSync } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import { dirname, join, sep } from "node:path";
import ignore, { type Ignore } from "ignore";

export interface WalkEntry {
  abs: string;
  /** Forward-slash path relative to the walk's start. */
  rel: string;
  dir: boolean;
}

export interface WalkOptions {
  signal?: AbortSignal;
  /** Yield directories too (LS); files are always yielded. */
  dirs?: boolean;
  /** Extra filter; returning true skips the entry (and prunes a directory). */
  skip?: (rel: string, dir: boolean) => boolean;
}

interface Layer {
  dir: string;
  ig: Ignore;
}

const NEVER_ENTER = new Set([".git", ".hg", ".svn"]);
const PARALLEL_READDIRS = 8;

export async function* walk(start: string, opts: WalkOptions = {}): AsyncGenerator<WalkEntry> {
  let queue: Array<{ abs: string; rel: string; layers: Layer[] }> = [{ abs: start, rel: "", layers: ancestorLayers(start) }];
  while (queue.length > 0) {
    if (opts.signal?.aborted) return;
    const batch = queue.slice(0, PARALLEL_READDIRS);
    queue = queue.slice(PARALLEL_READDIRS);
    const listed = await Promise.all(batch.map((d) => readdir(d.abs, { withFileTypes: true }).catch(() => [])));
    for (const [i, dir] of batch.entries()) {
      const entries = (listed[i] ?? []).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      let layers = dir.layers;
      if (entries.some((e) => e.name === ".gitignore" && !e.isDirectory())) {
        const rules = await readFile(join(dir.abs, ".gitignore"), "utf8").catch(() => "");
        layers = [...layers, { dir: dir.abs, ig: ignore().add(rules) }];
      }
      for (const e of entries) {
        const abs = join(dir.abs, e.name);
        const rel = dir.rel ? `${dir.rel}/${e.name}` : e.name;
        let isDir = e.isDirectory();
        if (e.isSymbolicLink()) {
          // Follow links to files; never links to directories (cycles, escaping the tree).
          const target = await stat(abs).catch(() => undefined);
          if (!target?.isFile()) continue;
          isDir = false;
        } else if (!isDir && !e.isFile()) continue;
        if (isDir && NEVER_ENTER.has(e.name)) continue;
        if (isIgnored(layers, abs, isDir) || opts.skip?.(rel, isDir)) continue;
        if (isDir) {
          queue.push({ abs, rel, layers });
          if (opts.dirs) yield { abs, rel, dir: true };
        } else yield { abs, rel, dir: false };
      }
    }
  }
}

/** The innermost .gitignore with an opinion wins, as in git. */
function isIgnored(layers: readonly Layer[], abs: string, dir: boolean): boolean {
  let ignored = false;
  for (const { dir: base, ig } of layers) {
    let rel = abs.slice(base.length + (base.endsWith(sep) ? 0 : 1));
    if (sep !== "/") rel = rel.split(sep).join("/");
    const r = ig.test(dir ? `${rel}/` : rel);
    if (r.ignored) ignored = true;
    else if (r.unignored) ignored = false;
  }
  return ignored;
}

/** .gitignore files above `start`, from the git root down, when `start` is inside a repository. */
function ancestorLayers(start: string): Layer[] {
  if (existsSync(join(start, ".git"))) return [];
  const chain: string[] = [];
  for (let d = dirname(start); ; d = dirname(d)) {
    chain.unshift(d);
    if (existsSync(join(d, ".git"))) break;
    if (dirname(d) === d) return []; // reached / without finding a repository
  }
  const layers: Layer[] = [];
  for (const d of chain) {
    try {
      layers.push({ dir: d, ig: ignore().add(readFileSync(join(d, ".gitignore"), "utf8")) });
    } catch {
      // no .gitignore at this level
    }
  }
  return layers;
}
