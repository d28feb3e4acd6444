// A bash parser written for the analysis: recursive descent over the string, as bash's own
// parse.y reads it, producing the syntax tree extract.ts walks. Linear in the input: a
// 10 KB command parses in well under a millisecond, where tree-sitter-bash's GLR parse took
// tens (bench/bash-analysis.bench.ts). What bash would reject is an error, reported with
// where it is; the statements before it still parse, and so do the lines after it.
import { SyntaxNode } from "../syntax.ts";
import { releaseTree } from "./pool.ts";
import { ParseState } from "./state.ts";
import { describe, parseStatements } from "./statements.ts";

export interface Parsed {
  root: SyntaxNode;
  /** What bash would reject, first error first; empty when the whole line parses. */
  errors: string[];
}

/** Errors after which the rest of the input is not parsed line by line any more. */
const MAX_ERRORS = 20;

export function parseBash(source: string): Parsed {
  const root = new SyntaxNode(source, "program", null, 0, source.length);
  const errors = parseProgram(source, (node) => root.adopt(node));
  return { root, errors };
}

/**
 * Parses a command line without building its root: each top-level statement (and `;`/`&`
 * token) goes to `emit` in order, as soon as it is complete, so a caller that walks them
 * as they come holds one statement's tree at a time. With `recycle` the caller keeps no
 * reference into a statement once `emit` returns, and its nodes are made again for the
 * next (parse/pool.ts). Returns what bash would reject.
 */
export function parseProgram(source: string, emit: (node: SyntaxNode) => void, recycle = false): string[] {
  const p = new ParseState(source);
  const walked = recycle ? (node: SyntaxNode) => { emit(node); releaseTree(node); } : emit;
  const errors: string[] = [];
  for (;;) {
    parseStatements(p, "top", walked);
    if (!p.error && !p.atEnd) p.fail(`unexpected ${describe(p)}`);
    if (!p.error && p.heredocs.length) {
      const h = p.heredocs[0]!;
      p.fail(`the heredoc ${JSON.stringify(h.delimiter)} opened at ${h.start} has no body`);
    }
    if (!p.error) break;
    errors.push(p.error.message);
    // Go on at the next line, as bash would after reporting it, so a command hidden after
    // the error is still seen (and can only add checks: the line is already "ask").
    const next = source.indexOf("\n", Math.max(p.error.at, p.pos));
    if (next < 0 || errors.length >= MAX_ERRORS) break;
    p.pos = next + 1;
    p.error = undefined;
    p.heredocs = [];
    p.depth = 0;
  }
  return errors;
}
