// Turns a word node of the syntax tree into the string the shell would pass: quotes removed,
// escapes decoded. Expansions and substitutions stay as written and mark the word dynamic.
import type { SyntaxNode } from "./syntax.ts";

export interface WordValue {
  value: string;
  /** Contains an expansion, substitution, arithmetic or (unquoted) glob. */
  dynamic: boolean;
  /** Written with quotes, escapes or splices rather than as one plain word. */
  disguised: boolean;
}

const DYNAMIC = new Set([
  "simple_expansion",
  "expansion",
  "command_substitution",
  "process_substitution",
  "arithmetic_expansion",
  "brace_expression",
]);

const GLOB = /[*?]|\[.*\]/s;

/**
 * The value of a word with no escape, glob or expansion in it (its text), or undefined: the
 * common case, answered without building a WordValue.
 */
export function plainWord(node: SyntaxNode): string | undefined {
  if (node.type !== "word" && node.type !== "number") return undefined;
  const text = node.text;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c /* \ */ || c === 0x2a /* * */ || c === 0x3f /* ? */ || c === 0x5b /* [ */) return undefined;
  }
  return text;
}

export function wordValue(node: SyntaxNode): WordValue {
  const out: WordValue = { value: "", dynamic: false, disguised: false };
  collect(node, out, false);
  return out;
}

function collect(node: SyntaxNode, out: WordValue, quoted: boolean): void {
  const type = node.type;
  if (DYNAMIC.has(type)) {
    out.value += node.text;
    out.dynamic = true;
    return;
  }
  switch (type) {
    case "word":
    case "number": {
      const text = node.text;
      if (text.includes("\\")) out.disguised = true;
      // A glob: * or ?, or a bracket expression; a [ with no ] after it is a plain character.
      if (!quoted && GLOB.test(text)) out.dynamic = true;
      out.value += unescapeBare(text);
      return;
    }
    case "raw_string":
      out.disguised = true;
      out.value += node.text.slice(1, -1);
      return;
    case "ansi_c_string":
      out.disguised = true;
      out.value += decodeAnsiC(node.text.slice(2, -1));
      return;
    case "string":
    case "translated_string":
      out.disguised = true;
      for (const child of node.namedChildren) if (child) collect(child, out, true);
      return;
    case "string_content":
    case "heredoc_content":
      out.value += quoted ? unescapeDouble(node.text) : node.text;
      return;
    case "concatenation":
      out.disguised = true;
      for (const child of node.children) if (child) collect(child, out, quoted);
      return;
    default:
      // Anything else (arrays, test operators …) is kept verbatim and treated as dynamic.
      out.value += node.text;
      if (node.namedChildCount > 0) out.dynamic = true;
  }
}

// Regexes as constants: a literal inside a function is a new RegExp object every call.
const CONTINUATION = /\\\n/g;
const BARE_ESCAPE = /\\(.)/gs;
const DOUBLE_ESCAPE = /\\([$`"\\])/g;

function unescapeBare(text: string): string {
  if (!text.includes("\\")) return text;
  return text.replace(CONTINUATION, "").replace(BARE_ESCAPE, "$1");
}

function unescapeDouble(text: string): string {
  if (!text.includes("\\")) return text;
  return text.replace(CONTINUATION, "").replace(DOUBLE_ESCAPE, "$1");
}

const ANSI_C: Record<string, string> = { n: "\n", t: "\t", r: "\r", a: "\x07", b: "\b", e: "\x1b", E: "\x1b", f: "\f", v: "\v", "\\": "\\", "'": "'", '"': '"', "?": "?" };

export function decodeAnsiC(body: string): string {
  return body.replace(/\\(x[0-9a-fA-F]{1,2}|u[0-9a-fA-F]{1,4}|U[0-9a-fA-F]{1,8}|[0-7]{1,3}|c.|.)/gs, (_, esc: string) => {
    const head = esc[0] as string;
    if (head === "x" || head === "u" || head === "U") return String.fromCodePoint(parseInt(esc.slice(1), 16));
    if (/[0-7]/.test(head)) return String.fromCharCode(parseInt(esc, 8));
    if (head === "c") return String.fromCharCode((esc.charCodeAt(1) & 0x1f) >>> 0);
    return ANSI_C[head] ?? `\\${esc}`;
  });
}
