// The syntax tree the bash analysis walks: plain JS nodes over the command's text, in
// tree-sitter-bash's vocabulary (node types, named vs anonymous, fields), which parse/
// builds and extract.ts reads.
import { wordAt } from "./parse/intern.ts";
import { NONE } from "./shared.ts";

/** Parents whose children's field names are copied; childForFieldName works only on these. */
export const FIELD_PARENTS: ReadonlySet<string> = new Set(["variable_assignment", "function_definition", "redirected_statement"]);

/** Shared by every node without children (most are leaves): no array allocated per token. */
export const NO_CHILDREN: readonly SyntaxNode[] = NONE;

export class SyntaxNode {
  children: readonly SyntaxNode[] = NO_CHILDREN;
  /**
   * A simple command's words, assignments and redirects in order, where a word whose value
   * is its text — plain, or one quoted string with nothing to expand after the command's
   * name — is that string rather than a node: most words are, and no node is made for them.
   * A command with parts has no children.
   */
  parts: readonly (SyntaxNode | string)[] | undefined = undefined;
  /** Every node the parser makes is named; tokens (Token) are not. On the prototype: no field per node. */
  declare readonly isNamed: boolean;
  // Not readonly: parse/pool.ts makes a walked statement's nodes again for the next one.
  constructor(
    /** The text the offsets index into (a backtick's unescaped body has its own). */
    public source: string,
    public type: string,
    /** Set by the parser after the fact for a value it parsed before knowing its role. */
    public field: string | null,
    public startIndex: number,
    /** A heredoc's redirect grows when its body is read, after the rest of its line. */
    public endIndex: number,
  ) {}

  /** Short texts (words, most commands) come from the shared word table (parse/intern.ts). */
  get text(): string {
    return wordAt(this.source, this.startIndex, this.endIndex);
  }
  adopt(child: SyntaxNode): void {
    if (this.children === NO_CHILDREN) this.children = [child];
    else (this.children as SyntaxNode[]).push(child);
  }
  get namedChildren(): SyntaxNode[] {
    // Loops, not filter/find with an arrow: these run per node, and each arrow is a new function.
    const out: SyntaxNode[] = [];
    for (const c of this.children) if (c.isNamed) out.push(c);
    return out;
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
    for (const c of this.children) if (c.isNamed) return c;
    return null;
  }
  childForFieldName(name: string): SyntaxNode | null {
    // Field names are copied only where they are read; asking elsewhere is a bug, not a null.
    if (!FIELD_PARENTS.has(this.type)) throw new Error(`syntax.ts: field "${name}" asked of a ${this.type} node; add the type to FIELD_PARENTS`);
    for (const c of this.children) if (c.field === name) return c;
    return null;
  }
}

/** An anonymous token (operator or reserved word): its text is its type. */
export class Token extends SyntaxNode {}
Object.defineProperty(SyntaxNode.prototype, "isNamed", { value: true });
Object.defineProperty(Token.prototype, "isNamed", { value: false });
