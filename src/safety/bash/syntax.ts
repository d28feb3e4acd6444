// A plain-JS copy of a tree-sitter tree, made in one TreeCursor walk. Reading nodes
// through web-tree-sitter costs a wasm call per property and `.text` re-slices the whole
// source each time; this copy makes the rest of the analysis ordinary JS over a string.
import type { Tree } from "web-tree-sitter";

export class SyntaxNode {
  readonly children: SyntaxNode[] = [];
  constructor(
    private readonly source: string,
    readonly type: string,
    readonly isNamed: boolean,
    readonly isMissing: boolean,
    readonly field: string | null,
    readonly startIndex: number,
    readonly endIndex: number,
  ) {}

  get isError(): boolean {
    return this.type === "ERROR";
  }
  get text(): string {
    return this.source.slice(this.startIndex, this.endIndex);
  }
  get namedChildren(): SyntaxNode[] {
    return this.children.filter((c) => c.isNamed);
  }
  get namedChildCount(): number {
    let n = 0;
    for (const c of this.children) if (c.isNamed) n++;
    return n;
  }
  get childCount(): number {
    return this.children.length;
  }
  get firstChild(): SyntaxNode | null {
    return this.children[0] ?? null;
  }
  get firstNamedChild(): SyntaxNode | null {
    return this.children.find((c) => c.isNamed) ?? null;
  }
  childForFieldName(name: string): SyntaxNode | null {
    return this.children.find((c) => c.field === name) ?? null;
  }
  equals(other: SyntaxNode): boolean {
    return this === other;
  }
}

/** Copies the tree; `hasError` is true when any ERROR or MISSING node was seen. */
export function copyTree(tree: Tree, source: string): { root: SyntaxNode; hasError: boolean } {
  const cursor = tree.walk();
  const types = tree.language.types;
  let hasError = false;
  const make = (): SyntaxNode => {
    const typeId = cursor.nodeTypeId;
    const type = types[typeId] || "ERROR";
    const missing = cursor.nodeIsMissing;
    if (missing || type === "ERROR") hasError = true;
    return new SyntaxNode(source, type, cursor.nodeIsNamed, missing, cursor.currentFieldName, cursor.startIndex, cursor.endIndex);
  };
  try {
    const root = make();
    const stack: SyntaxNode[] = [root];
    // Depth-first: descend when possible, else move to the next sibling or climb.
    for (;;) {
      if (cursor.gotoFirstChild()) {
        const node = make();
        stack[stack.length - 1]!.children.push(node);
        stack.push(node);
        continue;
      }
      for (;;) {
        stack.pop();
        if (stack.length === 0) return { root, hasError };
        if (cursor.gotoNextSibling()) {
          const node = make();
          stack[stack.length - 1]!.children.push(node);
          stack.push(node);
          break;
        }
        if (!cursor.gotoParent()) return { root, hasError };
      }
    }
  } finally {
    cursor.delete();
  }
}
