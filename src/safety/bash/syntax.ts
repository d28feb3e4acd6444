// A plain-JS copy of a tree-sitter tree, made in one TreeCursor walk. Reading nodes
// through web-tree-sitter costs a wasm call per property and `.text` re-slices the whole
// source each time; this copy makes the rest of the analysis ordinary JS over a string.
// The walk asks wasm only for what cannot be known in JS: per node the type and the two
// offsets, a field name only under the parents whose fields extract.ts reads, and "is
// missing" only when the tree has an error at all. "Is named" is a property of the type,
// cached per language; and a node whose type never has children is not asked for one.
import type { Language, Tree } from "web-tree-sitter";

/** Parents whose children's field names are copied; childForFieldName works only on these. */
export const FIELD_PARENTS: ReadonlySet<string> = new Set(["variable_assignment", "function_definition", "redirected_statement"]);

/** Shared by every node without children (most are leaves): no array allocated per token. */
const NO_CHILDREN: readonly SyntaxNode[] = Object.freeze([]);

export class SyntaxNode {
  children: readonly SyntaxNode[] = NO_CHILDREN;
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
  adopt(child: SyntaxNode): void {
    if (this.children === NO_CHILDREN) this.children = [child];
    else (this.children as SyntaxNode[]).push(child);
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
    // Field names are copied only where they are read; asking elsewhere is a bug, not a null.
    if (!FIELD_PARENTS.has(this.type)) throw new Error(`syntax.ts: field "${name}" asked of a ${this.type} node; add the type to FIELD_PARENTS`);
    return this.children.find((c) => c.field === name) ?? null;
  }
  equals(other: SyntaxNode): boolean {
    return this === other;
  }
}

/**
 * Named types that never have visible children in tree-sitter-bash (node-types.json: no
 * children, no fields); anonymous nodes are tokens and never have any either. Error trees
 * are walked without this shortcut. syntax-copy.test.ts checks the list against the grammar.
 */
export const LEAF_TYPES: ReadonlySet<string> = new Set([
  "word", "ansi_c_string", "comment", "extglob_pattern", "file_descriptor", "heredoc_content", "heredoc_end",
  "heredoc_start", "raw_string", "regex", "special_variable_name", "string_content", "test_operator", "variable_name",
]);

const namedByLanguage = new WeakMap<Language, boolean[]>();

/** Copies the tree; `hasError` is true when any ERROR or MISSING node was seen. */
export function copyTree(tree: Tree, source: string): { root: SyntaxNode; hasError: boolean } {
  const language = tree.language;
  const types = language.types;
  let named = namedByLanguage.get(language);
  if (!named) namedByLanguage.set(language, (named = []));
  // A MISSING node always gives its tree an error cost, so an error-free tree has none to look for.
  const treeHasError = tree.rootNode.hasError;
  const cursor = tree.walk();
  let hasError = false;
  const make = (parent: SyntaxNode | undefined): SyntaxNode => {
    const typeId = cursor.nodeTypeId;
    const type = types[typeId] || "ERROR";
    let isNamed = named[typeId];
    if (isNamed === undefined) isNamed = named[typeId] = language.nodeTypeIsNamed(typeId);
    const missing = treeHasError && cursor.nodeIsMissing;
    if (missing || type === "ERROR") hasError = true;
    const field = parent !== undefined && FIELD_PARENTS.has(parent.type) ? cursor.currentFieldName : null;
    const node = new SyntaxNode(source, type, isNamed, missing, field, cursor.startIndex, cursor.endIndex);
    parent?.adopt(node);
    return node;
  };
  try {
    const root = make(undefined);
    const stack: SyntaxNode[] = [root];
    // Depth-first: descend when possible, else move to the next sibling or climb.
    for (;;) {
      const top = stack[stack.length - 1] as SyntaxNode;
      const mayHaveChildren = treeHasError || (top.isNamed && !LEAF_TYPES.has(top.type));
      if (mayHaveChildren && cursor.gotoFirstChild()) {
        stack.push(make(top));
        continue;
      }
      for (;;) {
        stack.pop();
        if (stack.length === 0) return { root, hasError };
        if (cursor.gotoNextSibling()) {
          stack.push(make(stack[stack.length - 1]));
          break;
        }
        if (!cursor.gotoParent()) return { root, hasError };
      }
    }
  } finally {
    cursor.delete();
  }
}
