// Nodes of statements already walked, made again for the next ones. An analysis walks each
// top-level statement as soon as it is parsed and keeps nothing of its tree, so a 10 KB
// line's thousand nodes can be a statement's few dozen made over and over: fewer bytes
// allocated is fewer collections landing inside an analysis (bench/bash-analysis.bench.ts).
import { NO_CHILDREN, SyntaxNode } from "../syntax.ts";

/** Enough for the statements an agent writes; a bigger one's extra nodes are left to the collector. */
const MAX_FREE = 4096;
/** endIndex of a node in the free list: releasing it again (a node reached twice) is a no-op. */
const FREED = -1;

const free: SyntaxNode[] = [];
const stack: SyntaxNode[] = [];

export function takeNode(source: string, type: string, field: string | null, start: number, end: number): SyntaxNode {
  const n = free.pop();
  if (n === undefined) return new SyntaxNode(source, type, field, start, end);
  n.source = source;
  n.type = type;
  n.field = field;
  n.startIndex = start;
  n.endIndex = end;
  n.children = NO_CHILDREN;
  n.parts = undefined;
  return n;
}

/**
 * Gives back every named node of a tree nothing refers to any more (tokens are shared and
 * stay). Its plain words and parts lists are not nodes and are left alone: a command's
 * parts list may be a sub-command's argv.
 */
export function releaseTree(root: SyntaxNode): void {
  stack.push(root);
  while (stack.length) {
    const n = stack.pop()!;
    if (!n.isNamed || n.endIndex === FREED) continue;
    for (let i = 0; i < n.children.length; i++) stack.push(n.children[i]!);
    const parts = n.parts;
    if (parts) for (let i = 0; i < parts.length; i++) if (typeof parts[i] !== "string") stack.push(parts[i] as SyntaxNode);
    n.endIndex = FREED;
    n.children = NO_CHILDREN;
    n.parts = undefined;
    if (free.length < MAX_FREE) free.push(n);
  }
}
