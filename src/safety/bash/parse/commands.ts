// One command: a compound command or function definition with its redirects, or a simple
// command — assignments, words and redirects in any order. Redirects after the last word
// hang on a redirected_statement around the command, so the command's text is its words.
import type { SyntaxNode } from "../syntax.ts";
import { parseCompound, parseFunctionAfterName } from "./compound.ts";
import { startHeredoc } from "./heredoc.ts";
import {
  AMP, BACKSLASH, BACKTICK, DOLLAR, DQUOTE, EQUALS, GT, HASH, isDigit, isMeta, isNameChar, isNameStart, LBRACE,
  LBRACKET, LPAREN, LT, type ParseState, plainAt, quotedAt, RBRACE, RPAREN, SQUOTE,
} from "./state.ts";
import { takeList } from "./pool.ts";
import { describe, reservedAt, skipLinebreaks } from "./statements.ts";
import { expansionsIn, parseWord } from "./words.ts";

const DECLARATIONS = new Set(["export", "declare", "typeset", "local", "readonly"]);
const UNSETS = new Set(["unset", "unsetenv"]);
const DECLARATION_INITIALS = new Set([..."delrtu"].map((c) => c.charCodeAt(0)));
/** Reserved words that close a construct (and `in`): at the start of a command they are an error. */
const CLOSERS = new Set(["then", "elif", "else", "fi", "do", "done", "esac", "in", "}", "]]"]);
/** Redirect operators, longest first. */
const OPERATORS = ["&>>", "<<<", "<<-", "&>", ">>", ">|", ">&", "<&", "<<", "<>", ">", "<"];

export function parseCommand(p: ParseState): SyntaxNode | undefined {
  const reserved = p.reservedWord();
  // `!` negates only a whole pipeline (parsePipeline takes it there); anywhere else it is an error.
  if (reserved !== undefined && (CLOSERS.has(reserved) || reserved === "!")) return undefined;
  const compound = parseCompound(p, reserved);
  if (compound) return withRedirects(p, compound);
  if (p.error) return undefined;
  return simpleCommand(p);
}

/** Redirects after a compound command or function body: `{ …; } > log`, `done < list`. */
function withRedirects(p: ParseState, body: SyntaxNode): SyntaxNode {
  let redirects: SyntaxNode[] | undefined;
  for (;;) {
    p.skipBlanks();
    if (p.error || !redirectAt(p)) break;
    (redirects ??= takeList()).push(parseRedirect(p));
  }
  return redirects ? redirected(p, body, redirects) : body;
}

function redirected(p: ParseState, body: SyntaxNode, redirects: SyntaxNode[]): SyntaxNode {
  body.field = "body";
  for (const r of redirects) r.field = "redirect";
  let end = body.endIndex;
  for (const r of redirects) if (r.endIndex > end) end = r.endIndex;
  redirects.unshift(body);
  return p.node("redirected_statement", body.startIndex, end, redirects);
}

function simpleCommand(p: ParseState): SyntaxNode | undefined {
  // Words, assignments and redirects in order; a plain word is its text (SyntaxNode.parts).
  const parts: (SyntaxNode | string)[] = [];
  let kind: "command" | "declaration_command" | "unset_command" | undefined;
  let lastWord = -1;
  let start = -1;
  let lastEnd = -1;
  while (!p.error) {
    p.skipBlanks();
    const c = p.code();
    if (c === HASH) {
      p.skipComment();
      break;
    }
    const at = p.pos;
    if (start < 0) start = at;
    if (redirectAt(p)) {
      parts.push(parseRedirect(p));
      continue;
    }
    if (isMeta(c) && !((c === LT || c === GT) && p.code(p.pos + 1) === LPAREN)) {
      if (c === LPAREN) p.fail(`unexpected ${describe(p)}`);
      break;
    }
    let word: SyntaxNode | undefined;
    if (kind !== "command") {
      const a = assignmentAt(p, kind === undefined);
      if (a?.type === "variable_assignment") {
        parts.push(a);
        if (kind) {
          lastWord = parts.length - 1;
          lastEnd = a.endIndex;
        }
        continue;
      }
      word = a;
    }
    if (!word && kind !== "declaration_command" && kind !== "unset_command") {
      // After the name a word that is one quoted literal is its value too: no node either.
      const plain = plainAt(p) ?? (kind === "command" ? quotedAt(p) : undefined);
      if (plain !== undefined && (kind === "command" || (!DECLARATIONS.has(plain) && !UNSETS.has(plain) && !functionParens(p)))) {
        kind = "command";
        parts.push(plain);
        lastWord = parts.length - 1;
        lastEnd = p.pos;
        continue;
      }
      // A first word that may name a declaration or a function: read again as a node.
      p.pos = at;
    }
    word ??= parseWord(p);
    if (!word) break;
    if (kind === undefined && parts.length === 0 && word.type === "word" && functionParens(p)) {
      return withRedirects(p, parseFunctionAfterName(p, word.startIndex, [], word));
    }
    if (kind === undefined) {
      // Only a plain word starting d, e, l, r, t or u can be export/declare/local/readonly/typeset/unset.
      const plain = word.type === "word" && DECLARATION_INITIALS.has(p.source.charCodeAt(word.startIndex)) ? word.text : "";
      kind = DECLARATIONS.has(plain) ? "declaration_command" : UNSETS.has(plain) ? "unset_command" : "command";
      // The name is the command's first word (extract.ts takes it as argv[0]); a declaration's is a token.
      parts.push(kind === "command" ? word : p.token(plain));
    } else parts.push(word);
    lastWord = parts.length - 1;
    lastEnd = word.endIndex;
  }
  if (parts.length === 0) return undefined;
  if (kind === undefined) {
    // Assignments and redirects only: every part is a node.
    const children = parts as SyntaxNode[];
    if (children.every((c) => c.type === "variable_assignment")) {
      return children.length === 1 ? children[0] : p.node("variable_assignments", children[0]!.startIndex, children[children.length - 1]!.endIndex, children);
    }
    return p.node("command", start, children[children.length - 1]!.endIndex, children);
  }
  const trailing = lastWord === parts.length - 1 ? undefined : trailingRedirects(parts, lastWord + 1);
  if (kind !== "command") return withTrailing(p, p.node(kind, start, lastEnd, parts as SyntaxNode[]), trailing);
  // A command's parts are its children: extract.ts reads them, and nothing walks a command's children.
  const command = p.node(kind, start, lastEnd);
  command.parts = parts;
  return withTrailing(p, command, trailing);
}

/** The redirects after the last word, moved out of `parts` into a pooled list. */
function trailingRedirects(parts: (SyntaxNode | string)[], from: number): SyntaxNode[] {
  const out = takeList();
  for (let i = from; i < parts.length; i++) out.push(parts[i] as SyntaxNode);
  parts.length = from;
  return out;
}

function withTrailing(p: ParseState, command: SyntaxNode, trailing: SyntaxNode[] | undefined): SyntaxNode {
  return trailing ? redirected(p, command, trailing) : command;
}

/** After a command's first word: `( )` follows, so the word names a function. */
function functionParens(p: ParseState): boolean {
  let i = p.pos;
  while (p.code(i) === 32 || p.code(i) === 9) i++;
  if (p.code(i) !== LPAREN) return false;
  i++;
  while (p.code(i) === 32 || p.code(i) === 9) i++;
  return p.code(i) === RPAREN;
}

/** At a redirect: [n]op, {name}op or &>; not <( or >(, which are process substitutions. */
export function redirectAt(p: ParseState): boolean {
  const c = p.code();
  if (c === LT || c === GT) return p.code(p.pos + 1) !== LPAREN;
  if (c === AMP) return p.code(p.pos + 1) === GT;
  let i = p.pos;
  if (isDigit(c)) while (isDigit(p.code(i))) i++;
  else if (c === LBRACE && isNameStart(p.code(i + 1))) {
    i++;
    while (isNameChar(p.code(i))) i++;
    if (p.code(i) !== RBRACE) return false;
    i++;
  } else return false;
  const d = p.code(i);
  return (d === LT || d === GT) && p.code(i + 1) !== LPAREN;
}

/** The redirect operator at the cursor (redirectAt said there is one). */
function operatorAt(p: ParseState): string {
  for (const o of OPERATORS) if (p.startsWith(o)) return o;
  return OPERATORS[OPERATORS.length - 1]!;
}

export function parseRedirect(p: ParseState): SyntaxNode {
  const start = p.pos;
  const children = takeList();
  if (p.code() !== LT && p.code() !== GT && p.code() !== AMP) {
    let i = p.pos;
    while (p.code(i) !== LT && p.code(i) !== GT) i++;
    children.push(p.node("file_descriptor", p.pos, i));
    p.pos = i;
  }
  let op = operatorAt(p);
  if ((op === ">&" || op === "<&") && p.code(p.pos + 2) === 45 /* - */ && isMeta(p.code(p.pos + 3))) op += "-";
  children.push(p.take(op));
  if (op === "<<" || op === "<<-") return startHeredoc(p, start, children, op === "<<-");
  if (op.endsWith("-")) return p.node("file_redirect", start, p.pos, children);
  p.skipBlanks();
  const target = parseWord(p);
  if (!target) {
    if (!p.error) p.fail(`${op} at ${start} has no target (found ${describe(p)})`);
    return p.node(op === "<<<" ? "herestring_redirect" : "file_redirect", start, p.pos, children);
  }
  children.push(target);
  return p.node(op === "<<<" ? "herestring_redirect" : "file_redirect", start, p.pos, children);
}

/**
 * NAME=value, NAME+=value, NAME[sub]=value or NAME=(array); undefined when not one. Before
 * the command name (`lexer`), bash reads NAME[ … ] as one unit up to the matching bracket,
 * blanks included, assignment or not: such a word is returned as a word, and an unclosed
 * bracket is the syntax error bash reports.
 */
function assignmentAt(p: ParseState, lexer: boolean): SyntaxNode | undefined {
  const start = p.pos;
  if (!isNameStart(p.code())) return undefined;
  let i = start + 1;
  while (isNameChar(p.code(i))) i++;
  let nameEnd = i;
  let subscript = false;
  if (p.code(i) === LBRACKET) {
    const close = matchingBracket(p, i);
    if (close < 0) {
      if (lexer) p.fail(`unexpected end of input looking for the ] of the subscript opened at ${i}`);
      return undefined;
    }
    i = nameEnd = close + 1;
    subscript = true;
  }
  const append = p.code(i) === 43 /* + */ && p.code(i + 1) === EQUALS;
  if (append) i++;
  if (p.code(i) !== EQUALS) return subscript && lexer ? subscriptWord(p, start, nameEnd) : undefined;
  const name = subscript
    ? p.node("subscript", start, nameEnd, expansionsIn(p, start, nameEnd), "name")
    : p.node("variable_name", start, nameEnd, undefined, "name");
  p.pos = nameEnd;
  const children = [name, p.take(append ? "+=" : "=")];
  const value = p.code() === LPAREN ? array(p) : parseWord(p);
  if (value) {
    value.field = "value";
    children.push(value);
  }
  return p.node("variable_assignment", start, p.pos, children);
}

/** The ] that closes the [ at `open`, nested brackets and quotes honoured; -1 when none. */
function matchingBracket(p: ParseState, open: number): number {
  let depth = 0;
  for (let i = open; i < p.end; i++) {
    const c = p.source.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === SQUOTE || c === DQUOTE) {
      const close = p.source.indexOf(c === SQUOTE ? "'" : '"', i + 1);
      if (close < 0 || close >= p.end) return -1;
      i = close;
    } else if (c === LBRACKET) depth++;
    else if (c === 93 /* ] */ && --depth === 0) return i;
  }
  return -1;
}

/** NAME[ … ] read as one word (then whatever of the word follows it). */
function subscriptWord(p: ParseState, start: number, end: number): SyntaxNode {
  const head = p.node("word", start, end, expansionsIn(p, start, end));
  p.pos = end;
  const rest = isMeta(p.code()) ? undefined : parseWord(p);
  if (!rest) return head;
  return p.node("concatenation", start, rest.endIndex, rest.type === "concatenation" ? [head, ...rest.children] : [head, rest]);
}

function array(p: ParseState): SyntaxNode {
  const start = p.pos;
  const children = [p.take("(")];
  while (!p.error) {
    skipLinebreaks(p);
    if (p.code() === RPAREN) {
      children.push(p.take(")"));
      break;
    }
    const word = parseWord(p);
    if (!word) {
      p.fail(`unexpected ${describe(p)} in the array opened at ${start}`);
      break;
    }
    children.push(word);
  }
  return p.node("array", start, p.pos, children);
}

