// The parser's cursor over one command line: position, the first syntax error, heredocs
// waiting for the next newline, and the character classes bash's lexer uses.
import { type SyntaxNode, Token } from "../syntax.ts";
import { HASH_START, hashStep, wordAt, wordHashed } from "./intern.ts";
import { takeNode } from "./pool.ts";

export interface PendingHeredoc {
  node: SyntaxNode;
  /** Where its redirect starts, for the error when no body comes (the node may be recycled by then). */
  start: number;
  delimiter: string;
  /** <<- strips leading tabs from each line, the delimiter line included. */
  stripTabs: boolean;
  /** A quoted delimiter (<<'EOF'): the body is literal, nothing in it expands. */
  quoted: boolean;
}

export class ParseState {
  pos = 0;
  /** The first error; once set every loop stops consuming and unwinds to the top. */
  error: { message: string; at: number } | undefined;
  heredocs: PendingHeredoc[] = [];
  /** How many $(…), (…), {…} and compound commands enclose the cursor. */
  depth = 0;

  constructor(
    readonly source: string,
    /** Where this parse stops: the end of the source, or a closing backtick. */
    public end = source.length,
  ) {}

  code(at = this.pos): number {
    return at < this.end ? this.source.charCodeAt(at) : -1;
  }
  startsWith(s: string, at = this.pos): boolean {
    if (at + s.length > this.end) return false;
    // Char by char: String#startsWith with a position costs more than the few compares.
    for (let i = 0; i < s.length; i++) if (this.source.charCodeAt(at + i) !== s.charCodeAt(i)) return false;
    return true;
  }
  get atEnd(): boolean {
    return this.pos >= this.end;
  }

  fail(message: string, at = this.pos): void {
    this.error ??= { message, at };
  }

  node(type: string, start: number, end: number, children?: SyntaxNode[], field: string | null = null): SyntaxNode {
    const n = takeNode(this.source, type, field, start, end);
    // The parser hands over arrays it made for the node and keeps no reference to them.
    if (children && children.length) n.children = children;
    return n;
  }
  /**
   * An anonymous token (an operator or reserved word). Its text is its type and nothing
   * reads where it stands, so each kind is one shared, frozen node: a line of hundreds of
   * `;`, `do` and `fi` makes none.
   */
  token(type: string): SyntaxNode {
    return TOKENS.get(type) ?? internToken(type);
  }
  /** Consumes `text` as an anonymous token. */
  take(text: string): SyntaxNode {
    const t = this.token(text);
    this.pos += text.length;
    return t;
  }

  /**
   * The reserved word at the cursor ({, }, !, [[, ]], if, then … time), or undefined: bash
   * recognises one only as the first word of a command, followed by a blank or operator.
   */
  reservedWord(): string | undefined {
    const c = this.code();
    if (c === LBRACE || c === RBRACE || c === BANG) return isMeta(this.code(this.pos + 1)) ? String.fromCharCode(c) : undefined;
    if (c === LBRACKET || c === RBRACKET) return this.code(this.pos + 1) === c && isMeta(this.code(this.pos + 2)) ? (c === LBRACKET ? "[[" : "]]") : undefined;
    if (c < 97 || c > 122) return undefined;
    let i = this.pos + 1;
    for (let d = this.code(i); d >= 97 && d <= 122 && i - this.pos < 9; d = this.code(++i));
    const length = i - this.pos;
    if (length < 2 || !isMeta(this.code(i))) return undefined;
    // Compared in place: slicing every command's first word to look it up costs more.
    for (const word of RESERVED_BY_INITIAL[c - 97]!) if (word.length === length && this.startsWith(word)) return word;
    return undefined;
  }

  /** Spaces, tabs and backslash-newline continuations (not newlines). */
  skipBlanks(): void {
    for (;;) {
      const c = this.code();
      if (c === SPACE || c === TAB) this.pos++;
      else if (c === BACKSLASH && this.code(this.pos + 1) === NEWLINE) this.pos += 2;
      else return;
    }
  }
  /** A comment runs from # at the start of a word to the end of the line. */
  skipComment(): void {
    if (this.code() !== HASH) return;
    const nl = this.source.indexOf("\n", this.pos);
    this.pos = nl < 0 || nl > this.end ? this.end : nl;
  }
}

const TOKENS = new Map<string, SyntaxNode>();
function internToken(type: string): SyntaxNode {
  const t = Object.freeze(new Token(type, type, null, 0, type.length));
  TOKENS.set(type, t);
  return t;
}

const RESERVED = ["if", "then", "elif", "else", "fi", "do", "done", "case", "esac", "while", "until", "for", "select", "function", "in", "time"];
const RESERVED_BY_INITIAL: string[][] = Array.from({ length: 26 }, (_, i) => RESERVED.filter((w) => w.charCodeAt(0) === 97 + i));

export const TAB = 9;
export const NEWLINE = 10;
export const SPACE = 32;
export const BANG = 33;
export const DQUOTE = 34;
export const HASH = 35;
export const DOLLAR = 36;
export const AMP = 38;
export const SQUOTE = 39;
export const LPAREN = 40;
export const RPAREN = 41;
export const SEMI = 59;
export const LT = 60;
export const EQUALS = 61;
export const GT = 62;
export const LBRACKET = 91;
export const BACKSLASH = 92;
export const RBRACKET = 93;
export const BACKTICK = 96;
export const LBRACE = 123;
export const PIPE = 124;
export const RBRACE = 125;

/** Per ASCII character: 1 ends an unquoted word, 2 starts something inside one, 0 is plain. */
const CLASS = new Uint8Array(128);
for (const c of [SPACE, TAB, NEWLINE, SEMI, AMP, PIPE, LPAREN, RPAREN, LT, GT]) CLASS[c] = 1;
for (const c of [DQUOTE, DOLLAR, SQUOTE, BACKSLASH, BACKTICK, LBRACE]) CLASS[c] = 2;

/** Per ASCII character for plainAt: 0 continues a plain word, 1 ends it, 2 makes it not plain (quote, escape, expansion, glob). */
const PLAIN_RUN = CLASS.slice();
for (const c of [42, 63, LBRACKET]) PLAIN_RUN[c] = 2;

/**
 * The plain word at the cursor — one run of characters with no quote, escape, expansion,
 * brace or glob, ended by a blank or an operator — consumed and returned as its text; or
 * undefined, the cursor unmoved, for anything else (parseWord reads those). Most words are
 * plain, and no node is made for them.
 */
export function plainAt(p: ParseState): string | undefined {
  const src = p.source;
  const start = p.pos;
  const end = p.end;
  let i = start;
  // Hashed as it is scanned, for the word table (intern.ts): the characters are read once.
  let h = HASH_START;
  for (; i < end; i++) {
    const c = src.charCodeAt(i);
    if (c < 128 && PLAIN_RUN[c] !== 0) break;
    h = hashStep(h, c);
  }
  // A lone [ (test's name) opens no bracket expression: no ] follows it in the word.
  if (i === start && src.charCodeAt(i) === LBRACKET && endsWord(p, i + 1)) i++;
  else if (i === start || !endsWord(p, i)) return undefined;
  p.pos = i;
  return wordHashed(src, start, i, h);
}

/**
 * A word that is one quoted string with nothing in it to expand or unescape — '…', or "…"
 * with no $, ` or \ — consumed and returned as its value; or undefined, the cursor unmoved.
 * Its value is all a command's argument needs (how its name was written is looked at, so
 * the name is never read this way).
 */
export function quotedAt(p: ParseState): string | undefined {
  const q = p.code();
  if (q !== SQUOTE && q !== DQUOTE) return undefined;
  const src = p.source;
  const close = src.indexOf(q === SQUOTE ? "'" : '"', p.pos + 1);
  if (close < 0 || close >= p.end || !endsWord(p, close + 1)) return undefined;
  if (q === DQUOTE) {
    for (let i = p.pos + 1; i < close; i++) {
      const c = src.charCodeAt(i);
      if (c === DOLLAR || c === BACKTICK || c === BACKSLASH) return undefined;
    }
  }
  const start = p.pos + 1;
  p.pos = close + 1;
  return wordAt(src, start, close);
}

/** The word ends at `at`: a blank or an operator, not ( and not a <( or >( joined to it (a<(…) is one word). */
function endsWord(p: ParseState, at: number): boolean {
  const c = p.code(at);
  if (c === -1) return true;
  if (c >= 128 || PLAIN_RUN[c] !== 1 || c === LPAREN) return false;
  return !((c === LT || c === GT) && p.code(at + 1) === LPAREN);
}

/** Characters that end an unquoted word: blanks and the shell's operators. */
export function isMeta(c: number): boolean {
  return c === -1 || (c < 128 && CLASS[c] === 1);
}

/** A character that is part of a word and starts nothing (no quote, expansion or operator). */
export function isPlain(c: number): boolean {
  return c >= 128 || (c >= 0 && CLASS[c] === 0);
}

export function isNameStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}
export function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57);
}
export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
