// The tree copy (syntax.ts) reads as little as it can across the wasm boundary: no field
// names outside the parents that need them, "named" from a per-type table, "missing" only
// in trees with an error. This holds it to a plain copy made through the Node API, node by
// node, on every corpus command, every long input and some broken ones.
import { describe, expect, test } from "bun:test";
import type { Node } from "web-tree-sitter";
import { readFileSync } from "node:fs";
import { copyTree, FIELD_PARENTS, LEAF_TYPES, type SyntaxNode } from "../../src/safety/bash/syntax.ts";
import { bashParser } from "../../src/safety/index.ts";
import { HOSTILE } from "./corpus/hostile.ts";
import { goldenInputs } from "./golden.ts";

interface Plain {
  type: string;
  named: boolean;
  missing: boolean;
  field: string | null;
  start: number;
  end: number;
  children: Plain[];
}

function reference(node: Node, field: string | null): Plain {
  const fields = FIELD_PARENTS.has(node.type);
  return {
    type: node.type,
    named: node.isNamed,
    missing: node.isMissing,
    field,
    start: node.startIndex,
    end: node.endIndex,
    children: node.children.map((c, i) => reference(c as Node, fields ? node.fieldNameForChild(i) : null)),
  };
}

function plain(node: SyntaxNode): Plain {
  return { type: node.type, named: node.isNamed, missing: node.isMissing, field: node.field, start: node.startIndex, end: node.endIndex, children: node.children.map(plain) };
}

const BROKEN = [`echo "open`, `if true; then`, `a && `, `(ls`, `cat <<EOF\nx`, `X= ; f() {`, `$(( 1 +`, "echo ${x", `for i in; do done`, "\u0000ls\u200b", `case x in a) ;;`, `[[ -f x`, `> out`];

describe("tree copy", () => {
  test("matches a plain Node-API copy on every corpus command, long input and broken input", async () => {
    const parser = await bashParser();
    // Every prefix of every hostile command: mostly broken trees, ERROR and MISSING nodes everywhere.
    const prefixes = HOSTILE.flatMap(([c]) => Array.from({ length: c.length }, (_, i) => c.slice(0, i)));
    const inputs = [...new Set([...goldenInputs().map((i) => i.command), ...BROKEN, ...prefixes])];
    const differ: string[] = [];
    let errors = 0;
    for (const command of inputs) {
      const tree = parser.parse(command)!;
      try {
        const copy = copyTree(tree, command);
        const ref = reference(tree.rootNode, null);
        if (JSON.stringify(plain(copy.root)) !== JSON.stringify(ref)) differ.push(command.slice(0, 80));
        if (copy.hasError !== tree.rootNode.hasError) differ.push(`hasError: ${command.slice(0, 80)}`);
        if (copy.hasError) errors++;
      } finally {
        tree.delete();
      }
    }
    expect(differ).toEqual([]);
    expect(errors).toBeGreaterThanOrEqual(BROKEN.length);
  });

  test("LEAF_TYPES is exactly the grammar's named types that have no children and no fields", () => {
    const types = JSON.parse(readFileSync(require.resolve("tree-sitter-bash/src/node-types.json"), "utf8")) as Array<{
      type: string;
      named: boolean;
      children?: unknown;
      fields?: Record<string, unknown>;
      subtypes?: unknown;
    }>;
    const leaves = types.filter((t) => t.named && !t.children && Object.keys(t.fields ?? {}).length === 0 && !t.subtypes).map((t) => t.type);
    expect([...LEAF_TYPES].sort()).toEqual(leaves.sort());
    // Anonymous types are tokens: none has children or fields.
    expect(types.filter((t) => !t.named && (t.children || t.fields)).map((t) => t.type)).toEqual([]);
  });

  test("asking a field of a parent whose fields are not copied is an error naming the type", async () => {
    const parser = await bashParser();
    const tree = parser.parse("ls -la")!;
    const { root } = copyTree(tree, "ls -la");
    tree.delete();
    expect(() => root.childForFieldName("body")).toThrow(/program.*FIELD_PARENTS/);
  });
});
