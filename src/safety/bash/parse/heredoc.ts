// Heredocs: `<<DELIM` records a pending body; the newline that ends its line reads the body
// lines up to the delimiter line (tabs stripped for <<-). An unquoted delimiter lets $…
// and `…` in the body expand, so they become the body's children; a quoted one does not.
import type { SyntaxNode } from "../syntax.ts";
import { BACKSLASH, BACKTICK, DOLLAR, DQUOTE, isMeta, type ParseState, SQUOTE } from "./state.ts";
import { backtick, dollar, dollarStarts } from "./words.ts";

/** After `<<` or `<<-`: the delimiter word, and the body queued for the next newline. */
export function startHeredoc(p: ParseState, start: number, children: SyntaxNode[], stripTabs: boolean): SyntaxNode {
  p.skipBlanks();
  const from = p.pos;
  let delimiter = "";
  let quoted = false;
  // A # here starts a comment, so the delimiter is missing.
  while (!p.atEnd && !isMeta(p.code()) && !(p.pos === from && p.code() === 35)) {
    const c = p.code();
    if (c === SQUOTE || c === DQUOTE) {
      quoted = true;
      const close = p.source.indexOf(String.fromCharCode(c), p.pos + 1);
      if (close < 0 || close >= p.end) {
        p.fail(`unterminated ${String.fromCharCode(c)} in the heredoc delimiter at ${from}`);
        break;
      }
      delimiter += p.source.slice(p.pos + 1, close);
      p.pos = close + 1;
    } else if (c === BACKSLASH) {
      quoted = true;
      delimiter += p.source[p.pos + 1] ?? "";
      p.pos += 2;
    } else {
      delimiter += p.source[p.pos];
      p.pos++;
    }
  }
  const op = children[children.length - 1]!.type;
  if (p.pos === from && !p.error) p.fail(`${op} at ${start} has no delimiter`);
  children.push(p.node("heredoc_start", from, p.pos));
  const node = p.node("heredoc_redirect", start, p.pos, children);
  if (!p.error) p.heredocs.push({ node, start, delimiter, stripTabs, quoted });
  return node;
}

/** Reads every pending body; the cursor is at the start of the line after the newline. */
export function readHeredocs(p: ParseState): void {
  const pending = p.heredocs;
  p.heredocs = [];
  for (const h of pending) {
    const bodyStart = p.pos;
    let closed = false;
    while (p.pos < p.end) {
      let lineEnd = p.source.indexOf("\n", p.pos);
      if (lineEnd < 0 || lineEnd > p.end) lineEnd = p.end;
      let from = p.pos;
      if (h.stripTabs) while (p.source.charCodeAt(from) === 9 && from < lineEnd) from++;
      if (lineEnd - from === h.delimiter.length && p.source.startsWith(h.delimiter, from)) {
        h.node.adopt(body(p, h, bodyStart, p.pos));
        h.node.adopt(p.node("heredoc_end", from, lineEnd));
        h.node.endIndex = lineEnd;
        p.pos = Math.min(lineEnd + 1, p.end);
        closed = true;
        break;
      }
      p.pos = lineEnd + 1;
    }
    if (!closed) {
      p.pos = p.end;
      p.fail(`the heredoc ${JSON.stringify(h.delimiter)} opened at ${h.node.startIndex} is never closed`);
      return;
    }
  }
}

function body(p: ParseState, h: { quoted: boolean }, from: number, to: number): SyntaxNode {
  if (h.quoted || from === to) return p.node("heredoc_body", from, to);
  const end = p.end;
  const children: SyntaxNode[] = [];
  p.end = to;
  p.pos = from;
  while (!p.atEnd && !p.error) {
    const c = p.code();
    if (c === BACKSLASH) p.pos += 2;
    else if (c === BACKTICK) children.push(backtick(p, false));
    else if (c === DOLLAR && dollarStarts(p, true)) children.push(dollar(p, true));
    else p.pos++;
  }
  p.end = end;
  return p.node("heredoc_body", from, to, children);
}
