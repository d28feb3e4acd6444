// Words as bash's lexer reads them: plain runs, quotes, escapes and every expansion, in
// the node vocabulary extract.ts and words.ts read (word, string, raw_string,
// ansi_c_string, simple_expansion, expansion, command_substitution, arithmetic_expansion,
// process_substitution, brace_expression, concatenation). A word of one part is that part.
import type { SyntaxNode } from "../syntax.ts";
import { ParseState } from "./state.ts";
import { giveList, listOf, takeList } from "./pool.ts";
import {
  BACKSLASH, BACKTICK, DOLLAR, DQUOTE, GT, HASH, isMeta, isPlain, isNameChar, isNameStart, LBRACE, LPAREN, LT, RBRACE,
  RPAREN, SQUOTE,
} from "./state.ts";
import { parseStatements } from "./statements.ts";

/** Characters after `$` that name a special parameter ($@, $?, $1 …). */
const SPECIAL = new Set([64, 42, 35, 63, 36, 33, 45, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57]);
/** Longest brace expansion looked for; past it a brace is taken as literal. */
const MAX_BRACE = 512;
/** Characters that, before `(`, open an extglob pattern inside a word: @ ! + * ?. */
const EXTGLOB = new Set([64, 33, 43, 42, 63]);

/** One shell word at the cursor, or undefined when the cursor is on an operator, a blank or a comment. */
export function parseWord(p: ParseState): SyntaxNode | undefined {
  const start = p.pos;
  // A word that would begin with # is a comment to the end of the line, after an operator too.
  if (p.code() === HASH) return undefined;
  // Most words are one plain run: no array or node is made for them until the end.
  let parts: SyntaxNode[] | undefined;
  let plain = -1;
  while (!p.error) {
    const c = p.code();
    if (isPlain(c)) {
      if (plain < 0) plain = p.pos;
      p.pos++;
      while (p.pos < p.end && isPlain(p.source.charCodeAt(p.pos))) p.pos++;
      continue;
    }
    if (c === BACKSLASH) {
      if (plain < 0) plain = p.pos;
      p.pos = Math.min(p.pos + 2, p.end);
      continue;
    }
    if (c === LPAREN && plain >= 0 && EXTGLOB.has(p.code(p.pos - 1))) {
      skipBalanced(p);
      continue;
    }
    const procSub = (c === LT || c === GT) && p.code(p.pos + 1) === LPAREN;
    if (!procSub && isMeta(c)) break;
    if (c === DOLLAR && !dollarStarts(p)) {
      if (plain < 0) plain = p.pos;
      p.pos++;
      continue;
    }
    if (c === LBRACE && braceEnd(p) === 0) {
      if (plain < 0) plain = p.pos;
      p.pos++;
      continue;
    }
    if (plain >= 0) (parts ??= takeList()).push(p.node("word", plain, p.pos));
    plain = -1;
    (parts ??= takeList()).push(part(p, c, procSub));
  }
  if (!parts) return plain >= 0 ? p.node("word", plain, p.pos) : undefined;
  if (plain >= 0) parts.push(p.node("word", plain, p.pos));
  if (parts.length > 1) return p.node("concatenation", start, p.pos, parts);
  const only = parts[0];
  giveList(parts);
  return only;
}

/** The quoted string, expansion or substitution that starts with `c` at the cursor. */
function part(p: ParseState, c: number, procSub: boolean): SyntaxNode {
  if (procSub) return processSubstitution(p);
  if (c === SQUOTE) return rawString(p);
  if (c === DQUOTE) return doubleQuoted(p, "string", p.pos, 1);
  if (c === BACKTICK) return backtick(p, false);
  if (c === DOLLAR) return dollar(p, false);
  return braceExpression(p);
}

/** Whether the `$` at the cursor begins an expansion rather than standing for itself. */
export function dollarStarts(p: ParseState, inString = false): boolean {
  const n = p.code(p.pos + 1);
  if (n === LPAREN || n === LBRACE || n === 91 /* [ */) return true;
  if (!inString && (n === SQUOTE || n === DQUOTE)) return true;
  return isNameStart(n) || SPECIAL.has(n);
}

/** An expansion at a `$` for which dollarStarts() said yes. */
export function dollar(p: ParseState, inString: boolean): SyntaxNode {
  const start = p.pos;
  const n = p.code(start + 1);
  if (n === LPAREN) {
    if (p.code(start + 2) === LPAREN) {
      const arith = arithmetic(p, start, 3, "arithmetic_expansion");
      if (arith) return arith;
    }
    return commandSubstitution(p);
  }
  if (n === LBRACE) return braced(p);
  if (n === 91) return oldArithmetic(p);
  if (!inString && n === SQUOTE) return ansiC(p);
  if (!inString && n === DQUOTE) return doubleQuoted(p, "translated_string", start, 2);
  p.pos += 2;
  if (isNameStart(n)) while (isNameChar(p.code())) p.pos++;
  return p.node("simple_expansion", start, p.pos);
}

function rawString(p: ParseState): SyntaxNode {
  const start = p.pos;
  const close = p.source.indexOf("'", start + 1);
  if (close < 0 || close >= p.end) {
    p.pos = p.end;
    p.fail(`unterminated ' (opened at ${start})`);
    return p.node("raw_string", start, p.end);
  }
  p.pos = close + 1;
  return p.node("raw_string", start, p.pos);
}

function ansiC(p: ParseState): SyntaxNode {
  const start = p.pos;
  let i = start + 2;
  for (; i < p.end; i++) {
    const c = p.source.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === SQUOTE) break;
  }
  if (i >= p.end) {
    p.pos = p.end;
    p.fail(`unterminated $' (opened at ${start})`);
    return p.node("ansi_c_string", start, p.end);
  }
  p.pos = i + 1;
  return p.node("ansi_c_string", start, p.pos);
}

/** "…" or $"…": string_content runs and the expansions between them. */
function doubleQuoted(p: ParseState, type: string, start: number, open: number): SyntaxNode {
  p.pos = start + open;
  const children = takeList();
  let text = p.pos;
  while (!p.error) {
    const c = p.code();
    if (c === -1) {
      p.fail(`unterminated " (opened at ${start})`);
      break;
    }
    if (c === DQUOTE) {
      if (p.pos > text) children.push(p.node("string_content", text, p.pos));
      p.pos++;
      return p.node(type, start, p.pos, children);
    }
    if (c === BACKSLASH) p.pos += 2;
    else if (c === BACKTICK || (c === DOLLAR && dollarStarts(p, true))) {
      if (p.pos > text) children.push(p.node("string_content", text, p.pos));
      children.push(c === BACKTICK ? backtick(p, true) : dollar(p, true));
      text = p.pos;
    } else p.pos++;
  }
  return p.node(type, start, Math.min(p.pos, p.end), children);
}

function commandSubstitution(p: ParseState): SyntaxNode {
  const start = p.pos;
  const kids = takeList();
  kids.push(p.take("$("));
  nestedStatements(p, ")", kids);
  return p.node("command_substitution", start, p.pos, kids);
}

function processSubstitution(p: ParseState): SyntaxNode {
  const start = p.pos;
  const kids = takeList();
  kids.push(p.take(p.code() === LT ? "<(" : ">("));
  nestedStatements(p, ")", kids);
  return p.node("process_substitution", start, p.pos, kids);
}

/** Statements up to the closing `)`, which is consumed, appended to `into`; `$()` may be empty. */
function nestedStatements(p: ParseState, close: string, into: SyntaxNode[]): void {
  parseStatements(p, "paren", undefined, into);
  if (p.error) return;
  if (p.code() !== RPAREN) {
    p.fail(`missing ${close} (opened before ${p.pos})`);
    return;
  }
  into.push(p.take(")"));
}

/**
 * `…`: the body ends at the first unescaped backtick. Inside it \` \\ \$ (and \" within
 * double quotes) stand for the character, so an escaped body is unescaped and parsed as a
 * script of its own, as bash does; a body with no such escape is parsed where it stands.
 */
export function backtick(p: ParseState, inString: boolean): SyntaxNode {
  const start = p.pos;
  let close = start + 1;
  let escaped = false;
  for (; close < p.end; close++) {
    const c = p.source.charCodeAt(close);
    if (c === BACKSLASH) {
      const n = p.source.charCodeAt(close + 1);
      if (n === BACKTICK || n === BACKSLASH || n === DOLLAR || (inString && n === DQUOTE)) escaped = true;
      close++;
    } else if (c === BACKTICK) break;
  }
  if (close >= p.end) {
    p.pos = p.end;
    p.fail(`unterminated \` (opened at ${start})`);
    return p.node("command_substitution", start, p.end, [p.token("`")]);
  }
  const kids = listOf(p.token("`"));
  if (escaped) {
    const inner = new ParseState(p.source.slice(start + 1, close).replace(inString ? /\\([`\\$"])/g : /\\([`\\$])/g, "$1"));
    inner.depth = p.depth + 1;
    parseStatements(inner, "top", undefined, kids);
    if (inner.error) p.fail(`inside \`…\` at ${start}: ${inner.error.message}`, start);
  } else {
    const outerEnd = p.end;
    const pending = p.heredocs;
    p.heredocs = [];
    p.end = close;
    p.pos = start + 1;
    parseStatements(p, "top", undefined, kids);
    if (!p.error && !p.atEnd) p.fail(`unexpected ${JSON.stringify(p.source[p.pos])} inside \`…\``);
    p.end = outerEnd;
    p.heredocs = pending;
  }
  p.pos = close + 1;
  kids.push(p.token("`"));
  return p.node("command_substitution", start, p.pos, kids);
}

/**
 * ${…}: kept verbatim (words.ts treats it as dynamic); the substitutions and expansions
 * inside are its children, so a `${x:-$(rm -rf ~)}` is still seen.
 */
function braced(p: ParseState): SyntaxNode {
  const start = p.pos;
  p.pos += 2;
  const children: SyntaxNode[] = [];
  let depth = 1;
  while (!p.error) {
    const c = p.code();
    if (c === -1) {
      p.fail(`unterminated \${ (opened at ${start})`);
      break;
    }
    if (c === BACKSLASH) p.pos += 2;
    else if (c === RBRACE) {
      p.pos++;
      if (--depth === 0) break;
    } else if (c === LBRACE) {
      depth++;
      p.pos++;
    } else if (c === SQUOTE) children.push(rawString(p));
    else if (c === DQUOTE) children.push(doubleQuoted(p, "string", p.pos, 1));
    else if (c === BACKTICK) children.push(backtick(p, false));
    else if (c === DOLLAR && dollarStarts(p, true)) children.push(dollar(p, true));
    else p.pos++;
  }
  return p.node("expansion", start, Math.min(p.pos, p.end), children);
}

/**
 * $((…)), ((…)) and for ((…)): up to `))` at depth 0, substitutions inside as children.
 * Undefined when a lone `)` closes it first: then `$((` was `$( (`, a subshell inside.
 */
export function arithmetic(p: ParseState, start: number, open: number, type: string): SyntaxNode | undefined {
  const error = p.error;
  p.pos = start + open;
  const children: SyntaxNode[] = [];
  let depth = 0;
  while (!p.error) {
    const c = p.code();
    if (c === -1) {
      p.fail(`unterminated (( (opened at ${start})`);
      break;
    }
    if (c === RPAREN) {
      if (depth > 0) {
        depth--;
        p.pos++;
      } else if (p.code(p.pos + 1) === RPAREN) {
        p.pos += 2;
        return p.node(type, start, p.pos, children);
      } else {
        p.pos = start;
        return undefined;
      }
    } else if (c === LPAREN) {
      depth++;
      p.pos++;
    } else if (c === BACKSLASH) p.pos += 2;
    else if (c === DQUOTE) children.push(doubleQuoted(p, "string", p.pos, 1));
    else if (c === BACKTICK) children.push(backtick(p, false));
    else if (c === DOLLAR && dollarStarts(p, true)) children.push(dollar(p, true));
    else p.pos++;
  }
  if (p.error !== error) return p.node(type, start, Math.min(p.pos, p.end), children);
  return undefined;
}

/** $[…], the old spelling of $((…)). */
function oldArithmetic(p: ParseState): SyntaxNode {
  const start = p.pos;
  const close = p.source.indexOf("]", start + 2);
  if (close < 0 || close >= p.end) {
    p.pos = p.end;
    p.fail(`unterminated $[ (opened at ${start})`);
    return p.node("arithmetic_expansion", start, p.end);
  }
  const children = expansionsIn(p, start + 2, close);
  p.pos = close + 1;
  return p.node("arithmetic_expansion", start, p.pos, children);
}

/** The expansions and substitutions inside [from, to), such as an array subscript's. */
export function expansionsIn(p: ParseState, from: number, to: number): SyntaxNode[] {
  const inner = new ParseState(p.source, to);
  inner.pos = from;
  const children: SyntaxNode[] = [];
  while (!inner.atEnd && !inner.error) {
    const c = inner.code();
    if (c === BACKTICK) children.push(backtick(inner, false));
    else if (c === DOLLAR && dollarStarts(inner, true)) children.push(dollar(inner, true));
    else inner.pos++;
  }
  if (inner.error) p.fail(inner.error.message, inner.error.at);
  return children;
}

/**
 * Where the brace expansion at the cursor ends ({a,b} or {1..3}, unquoted, within one
 * word), or 0 when the brace is literal. Its words are not what is written, so it is dynamic.
 */
function braceEnd(p: ParseState): number {
  let depth = 0;
  let sep = false;
  // Capped, so a word of ten thousand unmatched braces costs linear time, not quadratic.
  const end = Math.min(p.end, p.pos + MAX_BRACE);
  for (let i = p.pos; i < end; i++) {
    const c = p.source.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === LBRACE) depth++;
    else if (c === RBRACE) {
      if (--depth === 0) return sep ? i + 1 : 0;
    } else if (depth === 1 && (c === 44 || (c === 46 && p.source.charCodeAt(i + 1) === 46))) sep = true;
    else if (isMeta(c) || c === SQUOTE || c === DQUOTE || c === DOLLAR || c === BACKTICK) return 0;
  }
  return 0;
}

function braceExpression(p: ParseState): SyntaxNode {
  const start = p.pos;
  p.pos = braceEnd(p);
  return p.node("brace_expression", start, p.pos);
}

/** An extglob group such as @(a|b) inside a word: balanced parentheses, quotes honoured. */
function skipBalanced(p: ParseState): void {
  const start = p.pos;
  let depth = 0;
  for (; p.pos < p.end; p.pos++) {
    const c = p.code();
    if (c === BACKSLASH) p.pos++;
    else if (c === SQUOTE || c === DQUOTE) {
      const close = p.source.indexOf(String.fromCharCode(c), p.pos + 1);
      if (close < 0 || close >= p.end) break;
      p.pos = close;
    } else if (c === LPAREN) depth++;
    else if (c === RPAREN && --depth === 0) {
      p.pos++;
      return;
    }
  }
  p.pos = p.end;
  p.fail(`unterminated ( in a pattern (opened at ${start})`, start);
}

