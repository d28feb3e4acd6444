// The analysis walks each statement as soon as it is parsed and recycles its nodes for the
// next (parse/pool.ts). That is only sound while nothing it returns refers to a node: these
// hold that, and that an analysis is the same whatever the pool held before it.
import { describe, expect, test } from "bun:test";
import { analyzeUncached, parseBash } from "../../src/safety/index.ts";
import { SyntaxNode } from "../../src/safety/bash/syntax.ts";
import { chain, hostileHeredoc, longCommands } from "./corpus/long.ts";

/** Paths in `value` that lead to a syntax node. */
function nodesIn(value: unknown, path = "analysis", seen = new Set<unknown>()): string[] {
  if (value instanceof SyntaxNode) return [path];
  if (!value || typeof value !== "object" || seen.has(value)) return [];
  seen.add(value);
  return Object.entries(value).flatMap(([k, v]) => nodesIn(v, `${path}.${k}`, seen));
}

const json = (x: unknown, keys?: string[]) => JSON.stringify(x, keys);
const TREE_KEYS = ["type", "startIndex", "endIndex", "children", "parts"];

describe("node recycling", () => {
  test("no analysis of a long input refers to a syntax node", () => {
    const found = longCommands(10240, 1).flatMap(([command, , shape]) => nodesIn(analyzeUncached(command)).map((p) => `${shape}: ${p}`));
    expect(found).toEqual([]);
  });

  test("an analysis is the same after others have filled and drained the pool", () => {
    const command = `${chain(4096, 2)}\n${hostileHeredoc(2048, 1)}\necho "$(date +%s) \`id -u\`" > out.log`;
    const first = json(analyzeUncached(command));
    for (const [other] of longCommands(7168, 3)) analyzeUncached(other);
    expect(json(analyzeUncached(command))).toBe(first);
  });

  test("a tree from parseBash is kept whole while analyses recycle their own nodes", () => {
    const line = "git add -A && git commit -m 'x'\nfor f in *.js; do gzip \"$f\"; done";
    const tree = parseBash(line).root;
    const before = json(tree, TREE_KEYS);
    for (const [other] of longCommands(10240, 0)) analyzeUncached(other);
    expect(json(tree, TREE_KEYS)).toBe(before);
  });
});
