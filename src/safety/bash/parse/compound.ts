// Compound commands: ( … ), { …; }, (( … )), [[ … ]], if, while, until, for, select, case
// and function definitions, each in the node shape extract.ts walks. A body bash would
// reject (empty, or missing its closing word) is a parse error, never a guess.
import type { SyntaxNode } from "../syntax.ts";
import {
  AMP, BACKSLASH, BACKTICK, DOLLAR, DQUOTE, GT, LBRACE, LPAREN, LT, NEWLINE, type ParseState, PIPE, RPAREN, SEMI,
  SPACE, SQUOTE, TAB,
} from "./state.ts";
import { listOf, takeList } from "./pool.ts";
import { caseEnd, describe, parseStatements, reservedAt, skipLinebreaks, type Stop } from "./statements.ts";
import { arithmetic, backtick, dollar, dollarStarts, parseWord } from "./words.ts";

/** Nesting past this is a parse error rather than a stack overflow. */
const MAX_DEPTH = 400;

export function parseCompound(p: ParseState, reserved = p.reservedWord()): SyntaxNode | undefined {
  const c = p.code();
  let parse: ((p: ParseState) => SyntaxNode) | undefined;
  if (c === LPAREN) parse = p.code(p.pos + 1) === LPAREN ? (q) => arithmeticCommand(q) ?? subshell(q) : subshell;
  else if (c === LBRACE) {
    const n = p.code(p.pos + 1);
    if (n === SPACE || n === TAB || n === NEWLINE || n === -1) parse = group;
  } else parse = reserved === undefined ? undefined : COMPOUND[reserved];
  if (!parse) return undefined;
  if (++p.depth > MAX_DEPTH) {
    p.fail(`nesting deeper than ${MAX_DEPTH} levels`);
    return undefined;
  }
  const node = parse(p);
  p.depth--;
  return node;
}

const COMPOUND: Record<string, (p: ParseState) => SyntaxNode> = {
  "[[": test,
  if: ifStatement,
  while: whileStatement,
  until: whileStatement,
  for: forStatement,
  select: forStatement,
  case: caseStatement,
  function: functionKeyword,
};

/** The reserved words each body stops at, made once (an array literal is a new array every call). */
const STOP_BRACE: Stop = ["}"];
const STOP_THEN: Stop = ["then"];
const STOP_ELIF_ELSE_FI: Stop = ["elif", "else", "fi"];
const STOP_FI: Stop = ["fi"];
const STOP_DO: Stop = ["do"];
const STOP_DONE: Stop = ["done"];
const STOP_ESAC_CASE_END: Stop = ["esac", ";;"];

function hasStatement(nodes: readonly SyntaxNode[], from: number): boolean {
  for (let i = from; i < nodes.length; i++) if (nodes[i]!.isNamed) return true;
  return false;
}

/** Statements up to a stop, appended to `into`; bash rejects an empty body. */
function body(p: ParseState, stop: Stop, after: string, into: SyntaxNode[]): void {
  const from = into.length;
  parseStatements(p, stop, undefined, into);
  if (!p.error && !hasStatement(into, from)) p.fail(`nothing after ${after} (at ${p.pos})`);
}

function expect(p: ParseState, word: string, into: SyntaxNode[], opened: number): void {
  if (p.error) return;
  if (word === ")" ? p.code() === RPAREN : reservedAt(p, word)) into.push(p.take(word));
  else p.fail(`missing ${word} for the construct opened at ${opened} (found ${describe(p)})`);
}

function subshell(p: ParseState): SyntaxNode {
  const start = p.pos;
  const kids = listOf(p.take("("));
  body(p, "paren", "(", kids);
  expect(p, ")", kids, start);
  return p.node("subshell", start, p.pos, kids);
}

function group(p: ParseState): SyntaxNode {
  const start = p.pos;
  const kids = listOf(p.take("{"));
  body(p, STOP_BRACE, "{", kids);
  expect(p, "}", kids, start);
  return p.node("compound_statement", start, p.pos, kids);
}

/** ((…)) runs no command; substitutions inside it still run. */
function arithmeticCommand(p: ParseState): SyntaxNode | undefined {
  return arithmetic(p, p.pos, 2, "compound_statement");
}

/** [[ … ]]: one expression child (a word, or the whole expression) for extract's argv. */
function test(p: ParseState): SyntaxNode {
  const start = p.pos;
  const open = p.take("[[");
  const words: SyntaxNode[] = [];
  let from = -1;
  let to = -1;
  let regexNext = false;
  while (!p.error) {
    skipLinebreaks(p);
    if (reservedAt(p, "]]")) break;
    if (p.atEnd) {
      p.fail(`missing ]] for the [[ at ${start}`);
      break;
    }
    const at = p.pos;
    const c = p.code();
    if (regexNext) words.push(regex(p));
    else if ((c === AMP || c === PIPE) && p.code(p.pos + 1) === c) p.pos += 2;
    else if (c === LPAREN || c === RPAREN || c === LT || c === GT) p.pos++;
    else {
      const word = parseWord(p);
      if (!word) {
        p.fail(`unexpected ${describe(p)} inside [[ … ]]`);
        break;
      }
      words.push(word);
    }
    regexNext = !regexNext && words.length > 0 && words[words.length - 1]!.text === "=~" && words[words.length - 1]!.startIndex === at;
    if (from < 0) from = at;
    to = p.pos;
  }
  const kids = [open];
  if (from >= 0) kids.push(words.length === 1 && words[0]!.startIndex === from && words[0]!.endIndex === to ? words[0]! : p.node("test_expression", from, to, words));
  expect(p, "]]", kids, start);
  return p.node("test_command", start, p.pos, kids);
}

/** The right side of =~: up to a blank outside parentheses; expansions inside are children. */
function regex(p: ParseState): SyntaxNode {
  const start = p.pos;
  const children: SyntaxNode[] = [];
  let depth = 0;
  while (!p.error && !p.atEnd) {
    const c = p.code();
    if (depth === 0 && (c === SPACE || c === TAB || c === NEWLINE)) break;
    if (c === BACKSLASH) p.pos += 2;
    else if (c === LPAREN) depth++, p.pos++;
    else if (c === RPAREN) depth--, p.pos++;
    else if (c === SQUOTE || c === DQUOTE) {
      const close = p.source.indexOf(String.fromCharCode(c), p.pos + 1);
      if (close < 0 || close >= p.end) p.fail(`unterminated ${String.fromCharCode(c)} in the regex at ${start}`);
      else p.pos = close + 1;
    } else if (c === DOLLAR && dollarStarts(p, true)) children.push(dollar(p, true));
    else if (c === BACKTICK) children.push(backtick(p, false));
    else p.pos++;
  }
  return p.node("regex", start, p.pos, children);
}

function ifStatement(p: ParseState): SyntaxNode {
  const start = p.pos;
  const kids = listOf(p.take("if"));
  body(p, STOP_THEN, "if", kids);
  expect(p, "then", kids, start);
  body(p, STOP_ELIF_ELSE_FI, "then", kids);
  while (!p.error && reservedAt(p, "elif")) {
    const at = p.pos;
    const clause = listOf(p.take("elif"));
    body(p, STOP_THEN, "elif", clause);
    expect(p, "then", clause, at);
    body(p, STOP_ELIF_ELSE_FI, "then", clause);
    kids.push(p.node("elif_clause", at, p.pos, clause));
  }
  if (!p.error && reservedAt(p, "else")) {
    const at = p.pos;
    const clause = listOf(p.take("else"));
    body(p, STOP_FI, "else", clause);
    kids.push(p.node("else_clause", at, p.pos, clause));
  }
  expect(p, "fi", kids, start);
  return p.node("if_statement", start, p.pos, kids);
}

function whileStatement(p: ParseState): SyntaxNode {
  const start = p.pos;
  const word = reservedAt(p, "while") ? "while" : "until";
  const kids = listOf(p.take(word));
  body(p, STOP_DO, word, kids);
  if (!p.error) kids.push(doGroup(p, start));
  return p.node(`${word}_statement`, start, p.pos, kids);
}

function doGroup(p: ParseState, opened: number): SyntaxNode {
  const start = p.pos;
  if (p.code() === LBRACE) return group(p);
  const kids = takeList();
  expect(p, "do", kids, opened);
  if (p.error) return p.node("do_group", start, p.pos, kids);
  body(p, STOP_DONE, "do", kids);
  expect(p, "done", kids, opened);
  return p.node("do_group", start, p.pos, kids);
}

function forStatement(p: ParseState): SyntaxNode {
  const start = p.pos;
  const word = reservedAt(p, "for") ? "for" : "select";
  const kids = listOf(p.take(word));
  p.skipBlanks();
  if (p.startsWith("((")) {
    const header = arithmetic(p, p.pos, 2, "arithmetic_for");
    if (header) kids.push(header);
    else p.fail(`unterminated (( after for at ${start}`);
    p.skipBlanks();
    if (p.code() === SEMI) kids.push(p.take(";"));
    skipLinebreaks(p);
    if (!p.error) kids.push(doGroup(p, start));
    return p.node("c_style_for_statement", start, p.pos, kids);
  }
  const name = parseWord(p);
  if (!name) p.fail(`missing the variable after ${word} at ${start}`);
  else kids.push(name);
  skipLinebreaks(p);
  if (!p.error && reservedAt(p, "in")) {
    kids.push(p.take("in"));
    for (;;) {
      p.skipBlanks();
      p.skipComment();
      const c = p.code();
      if (p.error || c === SEMI || c === NEWLINE || c === -1) break;
      const w = parseWord(p);
      if (!w) {
        p.fail(`unexpected ${describe(p)} in the word list of ${word}`);
        break;
      }
      kids.push(w);
    }
  }
  p.skipBlanks();
  if (!p.error && p.code() === SEMI) kids.push(p.take(";"));
  skipLinebreaks(p);
  if (!p.error) kids.push(doGroup(p, start));
  return p.node("for_statement", start, p.pos, kids);
}

function caseStatement(p: ParseState): SyntaxNode {
  const start = p.pos;
  const kids = [p.take("case")];
  p.skipBlanks();
  const subject = parseWord(p);
  if (!subject) p.fail(`missing the word after case at ${start}`);
  else kids.push(subject);
  skipLinebreaks(p);
  expect(p, "in", kids, start);
  while (!p.error) {
    skipLinebreaks(p);
    if (reservedAt(p, "esac") || p.atEnd) break;
    kids.push(caseItem(p));
  }
  expect(p, "esac", kids, start);
  return p.node("case_statement", start, p.pos, kids);
}

function caseItem(p: ParseState): SyntaxNode {
  const start = p.pos;
  const kids: SyntaxNode[] = [];
  if (p.code() === LPAREN) kids.push(p.take("("));
  while (!p.error) {
    p.skipBlanks();
    const pattern = parseWord(p);
    if (!pattern) {
      p.fail(`missing a case pattern at ${p.pos} (found ${describe(p)})`);
      break;
    }
    kids.push(pattern);
    p.skipBlanks();
    if (p.code() === PIPE) kids.push(p.take("|"));
    else if (p.code() === RPAREN) {
      kids.push(p.take(")"));
      break;
    } else p.fail(`expected ) after the case pattern at ${pattern.startIndex} (found ${describe(p)})`);
  }
  if (p.error) return p.node("case_item", start, p.pos, kids);
  parseStatements(p, STOP_ESAC_CASE_END, undefined, kids);
  if (!p.error && caseEnd(p)) kids.push(p.take(p.startsWith(";;&") ? ";;&" : p.startsWith(";;") ? ";;" : ";&"));
  return p.node("case_item", start, p.pos, kids);
}

/** function name [()] body */
function functionKeyword(p: ParseState): SyntaxNode {
  const start = p.pos;
  const keyword = p.take("function");
  p.skipBlanks();
  const name = parseWord(p);
  if (!name) {
    p.fail(`missing the name after function at ${start}`);
    return p.node("function_definition", start, p.pos, [keyword]);
  }
  return parseFunctionAfterName(p, start, [keyword], name);
}

/** After a function's name: optional (), then the body, a compound command. */
export function parseFunctionAfterName(p: ParseState, start: number, kids: SyntaxNode[], name: SyntaxNode): SyntaxNode {
  name.field = "name";
  kids.push(name);
  p.skipBlanks();
  if (p.code() === LPAREN) {
    kids.push(p.take("("));
    p.skipBlanks();
    expect(p, ")", kids, start);
  }
  skipLinebreaks(p);
  const fnBody = p.error ? undefined : parseCompound(p);
  if (fnBody) {
    fnBody.field = "body";
    kids.push(fnBody);
  } else p.fail(`the function at ${start} has no body (found ${describe(p)})`);
  return p.node("function_definition", start, p.pos, kids);
}
