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
/** Children lists of released nodes, emptied: a statement's lists made again for the next. */
const freeLists: SyntaxNode[][] = [];

/** An empty list for a node's children, one a released node had when there is one. */
export function takeList(): SyntaxNode[] {
  return freeLists.pop() ?? [];
}

/** A children list from the pool, starting with `first`. */
export function listOf(first: SyntaxNode): SyntaxNode[] {
  const list = takeList();
  list.push(first);
  return list;
}

/** Back to the pool, emptied: a released node's list, or one taken that no node was given after all. */
export function giveList(list: SyntaxNode[]): void {
  list.length = 0;
  if (freeLists.length < MAX_FREE) freeLists.push(list);
}

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
 * stay), and its children lists: a node's list is its own (the parser hands each node a
 * list it made for it). Its plain words and parts lists are not nodes and are left alone:
 * a command's parts list may be a sub-command's argv.
 */
export function releaseTree(root: SyntaxNode): void {
  stack.push(root);
  while (stack.length) {
    const n = stack.pop()!;
    if (!n.isNamed || n.endIndex === FREED) continue;
    const children = n.children;
    for (let i = 0; i < children.length; i++) stack.push(children[i]!);
    if (children !== NO_CHILDREN) giveList(children as SyntaxNode[]);
    const parts = n.parts;
    if (parts) for (let i = 0; i < parts.length; i++) if (typeof parts[i] !== "string") stack.push(parts[i] as SyntaxNode);
    n.endIndex = FREED;
    n.children = NO_CHILDREN;
    n.parts = undefined;
    if (free.length < MAX_FREE) free.push(n);
  }
}
