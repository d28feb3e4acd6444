// Statement lists, and-or lists and pipelines: the part of bash's grammar above one
// command. `a | b && c` is list(pipeline(a, b), c), as bash groups it; `;` and `&` stay in
// the list as tokens, and newlines are consumed, reading any heredoc bodies they end.
import type { SyntaxNode } from "../syntax.ts";
import { parseCommand } from "./commands.ts";
import { readHeredocs } from "./heredoc.ts";
import { takeList } from "./pool.ts";
import { AMP, BANG, isMeta, NEWLINE, type ParseState, PIPE, RPAREN, SEMI } from "./state.ts";

/**
 * Where a list ends: "top" at the end of input, "paren" at `)`, or at any of the given
 * reserved words (`;;` ends a case item).
 */
export type Stop = "top" | "paren" | readonly string[];

/**
 * Statements and their `;`/`&` tokens, up to (not including) the stop, appended to `out`
 * (a construct's children list, which may hold its opening token already). With `emit`
 * they are handed over as soon as they are complete — no heredoc of theirs still waits for
 * its body — and none are kept: a long line's statements need not all be held at once.
 */
export function parseStatements(p: ParseState, stop: Stop, emit?: (node: SyntaxNode) => void, out: SyntaxNode[] = takeList()): SyntaxNode[] {
  while (!p.error) {
    skipLinebreaks(p);
    if (emit && out.length && p.heredocs.length === 0) handOver(out, emit);
    if (p.atEnd || p.error || atStop(p, stop)) break;
    const statement = parseAndOr(p);
    if (!statement) {
      p.fail(`unexpected ${describe(p)}`);
      break;
    }
    out.push(statement);
    p.skipBlanks();
    p.skipComment();
    const c = p.code();
    if (c === SEMI && !caseEnd(p)) out.push(p.take(";"));
    else if (c === AMP) out.push(p.take("&"));
    else if (c === NEWLINE || c === -1 || atStop(p, stop)) continue;
    else {
      p.fail(`unexpected ${describe(p)}`);
      break;
    }
  }
  // On the way out nothing changes them any more: a heredoc still open is an error.
  if (emit && out.length) handOver(out, emit);
  return out;
}

function handOver(out: SyntaxNode[], emit: (node: SyntaxNode) => void): void {
  for (let i = 0; i < out.length; i++) emit(out[i]!);
  out.length = 0;
}

/** Blanks, comments and newlines; each newline reads the heredoc bodies it ends. */
export function skipLinebreaks(p: ParseState): void {
  for (;;) {
    p.skipBlanks();
    p.skipComment();
    if (p.code() !== NEWLINE) return;
    newline(p);
  }
}

/** Consumes one newline and the bodies of the heredocs begun on its line. */
export function newline(p: ParseState): void {
  p.pos++;
  if (p.heredocs.length) readHeredocs(p);
}

/** `;;`, `;&` or `;;&` at the cursor. */
export function caseEnd(p: ParseState): boolean {
  return p.code() === SEMI && (p.code(p.pos + 1) === SEMI || p.code(p.pos + 1) === AMP);
}

function atStop(p: ParseState, stop: Stop): boolean {
  if (stop === "top") return false;
  if (stop === "paren") return p.code() === RPAREN;
  for (const word of stop) {
    if (word === ";;" ? caseEnd(p) : reservedAt(p, word)) return true;
  }
  return false;
}

/** A reserved word at the cursor: the exact text, then a blank, an operator or the end. */
export function reservedAt(p: ParseState, word: string): boolean {
  return p.startsWith(word) && isMeta(p.code(p.pos + word.length));
}

/**
 * a && b || c: one list node of its pipelines, in order (the operators are not kept:
 * nothing downstream reads them, and a 10 KB line has hundreds); a lone pipeline is
 * returned as itself. A newline may follow each operator.
 */
function parseAndOr(p: ParseState): SyntaxNode | undefined {
  const first = parsePipeline(p);
  let items: SyntaxNode[] | undefined;
  while (first && !p.error) {
    p.skipBlanks();
    const c = p.code();
    const op = c === AMP && p.code(p.pos + 1) === AMP ? "&&" : c === PIPE && p.code(p.pos + 1) === PIPE ? "||" : undefined;
    if (!op) break;
    p.pos += 2;
    skipLinebreaks(p);
    const right = parsePipeline(p);
    if (!items) (items = takeList()).push(first);
    if (!right) {
      p.fail(`nothing after ${op}`);
      return p.node("list", first.startIndex, p.pos, items);
    }
    items.push(right);
  }
  if (!first || !items) return first;
  return p.node("list", first.startIndex, items[items.length - 1]!.endIndex, items);
}

/** [!] a | b |& c: a pipeline node of its stages; a lone command is returned as itself. */
function parsePipeline(p: ParseState): SyntaxNode | undefined {
  const start = p.pos;
  let first: SyntaxNode | undefined;
  if (p.code() === BANG && isMeta(p.code(p.pos + 1))) {
    const bang = p.take("!");
    p.skipBlanks();
    const inner = parseCommand(p);
    if (!inner) {
      p.fail("nothing after !");
      return undefined;
    }
    first = p.node("negated_command", start, inner.endIndex, [bang, inner]);
  } else first = parseCommand(p);
  if (!first) return undefined;
  let stages: SyntaxNode[] | undefined;
  while (!p.error) {
    p.skipBlanks();
    if (p.code() !== PIPE || p.code(p.pos + 1) === PIPE) break;
    const op = p.code(p.pos + 1) === AMP ? "|&" : "|";
    p.pos += op.length;
    skipLinebreaks(p);
    const next = parseCommand(p);
    if (!next) {
      p.fail(`nothing after ${op}`);
      break;
    }
    if (!stages) (stages = takeList()).push(first);
    stages.push(next);
  }
  if (!stages) return first;
  return p.node("pipeline", start, (stages[stages.length - 1] as SyntaxNode).endIndex, stages);
}

/** The token at the cursor, for an error message. */
export function describe(p: ParseState): string {
  if (p.atEnd) return "end of input";
  const c = p.code();
  let end = p.pos + 1;
  if (c === SEMI || c === AMP || c === PIPE) end = p.pos + (p.code(p.pos + 1) === c ? 2 : 1);
  else if (!isMeta(c)) while (end < p.end && end - p.pos < 20 && !isMeta(p.source.charCodeAt(end))) end++;
  return `${JSON.stringify(p.source.slice(p.pos, end))} at ${p.pos}`;
}

