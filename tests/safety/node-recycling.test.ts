// The analysis walks each statement as soon as it is parsed and recycles its nodes for the
// next (parse/pool.ts). That is only sound while nothing it returns refers to a node: these
// hold that, and that an analysis is the same whatever the pool held before it.
import { describe, expect, test } from "bun:test";
import { analyzeUncached, parseBash } from "../../src/safety/index.ts";
import { type Extraction, extractor } from "../../src/safety/bash/extract.ts";
import { parseProgram } from "../../src/safety/bash/parse/index.ts";
import { Refill } from "../../src/safety/bash/shared.ts";
import { SyntaxNode } from "../../src/safety/bash/syntax.ts";
import { HOSTILE } from "./corpus/hostile.ts";
import { chain, hostileHeredoc, longCommands } from "./corpus/long.ts";
import { ORDINARY } from "./corpus/ordinary.ts";

/** Paths in `value` that lead to a syntax node. */
function nodesIn(value: unknown, path = "analysis", seen = new Set<unknown>()): string[] {
  if (value instanceof SyntaxNode) return [path];
  if (!value || typeof value !== "object" || seen.has(value)) return [];
  seen.add(value);
  return Object.entries(value).flatMap(([k, v]) => nodesIn(v, `${path}.${k}`, seen));
}

const json = (x: unknown, keys?: string[]) => JSON.stringify(x, keys);
const extractionJson = (x: Extraction) => json({ ...x, disguised: [...x.disguised] });

/** The extraction as an analysis makes it: statements walked as parsed, their nodes and lists recycled. */
function recycled(command: string): Extraction {
  const x = extractor();
  return x.finish(parseProgram(command, x.statement, true));
}

/** The same walk over a whole tree from parseBash, which recycles nothing. */
function fromWholeTree(command: string): Extraction {
  const x = extractor();
  const { root, errors } = parseBash(command);
  for (const statement of root.children) x.statement(statement);
  return x.finish(errors);
}
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

  test("statements walked as they are parsed, their nodes and children lists reused, extract as a whole tree does", () => {
    const commands = [...ORDINARY, ...HOSTILE.map(([c]) => c), ...[2048, 10240].flatMap((size) => longCommands(size, 4).map(([c]) => c))];
    const differ = commands.filter((c) => extractionJson(recycled(c)) !== extractionJson(fromWholeTree(c)));
    expect(differ).toEqual([]);
  });

  test("a list handed out by Refill is the caller's: filling the next one changes nothing in it", () => {
    const lists = new Refill<number>();
    const a = lists.take();
    a.push(1, 2, 3);
    const kept = lists.give(a);
    const b = lists.take();
    b.push(9);
    expect(kept).toEqual([1, 2, 3]);
    expect(lists.give(b)).toEqual([9]);
    // Taken and never given back (an analysis that threw): the next take is a new, empty list.
    const lost = lists.take();
    lost.push(7);
    const fresh = lists.take();
    expect(fresh).toEqual([]);
    expect(fresh).not.toBe(lost);
  });

  test("a tree from parseBash is kept whole while analyses recycle their own nodes", () => {
    const line = "git add -A && git commit -m 'x'\nfor f in *.js; do gzip \"$f\"; done";
    const tree = parseBash(line).root;
    const before = json(tree, TREE_KEYS);
    for (const [other] of longCommands(10240, 0)) analyzeUncached(other);
    expect(json(tree, TREE_KEYS)).toBe(before);
  });
});
