// Walks a bash syntax tree (parse/) and lists every simple command, wherever it sits: behind
// &&, ||, ;, pipes, in subshells, groups, functions, loops, $(…), `…`, <(…) and heredocs.
// It also records the structural facts the checks look at (substitutions, pipelines …).
import type { SyntaxNode } from "./syntax.ts";
import { TOP_LEVEL, within } from "./contexts.ts";
import { MAX_CONTEXT_DEPTH } from "./limits.ts";
import { allStatic, NONE, Refill } from "./shared.ts";
import type { CommandContext, Redirect, SubCommand } from "./types.ts";
import { plainWord, wordValue } from "./words.ts";

/**
 * A sub-command as extracted: the public SubCommand itself (so no copy is made per
 * command), its argv filled here, and what the analysis works out later — effective argv,
 * writes, reads, readOnly — set in place by analyze.ts.
 */
export interface RawCommand extends SubCommand {
  argv: string[];
}

/** A contiguous range of command indices [start, end). */
export type Range = readonly [number, number];

export interface Facts {
  /** What bash would reject, from the parser. */
  errors: string[];
  /** owner: the command whose word holds the substitution (-1 for a bare assignment). */
  substitutions: { backtick: boolean; text: string; range: Range; owner: number }[];
  processSubs: { output: boolean; text: string; range: Range; owner: number }[];
  functions: { name: string; text: string; range: Range }[];
  /** Each pipeline as the index of the first command of each stage (a stage ends where the next begins). */
  pipelines: number[][];
  /**
   * Consecutive statements and what separated them, five numbers each (no object per pair:
   * a long line has hundreds): the separator (SEP_*), then the left statement's commands
   * [start, end) and the right one's.
   */
  sequences: number[];
  background: Range[];
  /** Heredocs and here-strings, with the command that receives them. */
  heredocs: { command: number; text: string }[];
  /** Assignments that stand alone as a statement (X=1). */
  assignments: { name: string; value: string; text: string }[];
  /** Text of the first construct nested past MAX_CONTEXT_DEPTH, whose inside was not extracted. */
  tooDeep?: string;
}

export interface Extraction {
  commands: RawCommand[];
  /** The commands whose argv[0] was written with quotes, escapes or splices, by index. */
  disguised: Set<number>;
  facts: Facts;
}

const STATEMENT_SEPARATORS = new Set([";", "&", ";;", ";&", ";;&"]);

/**
 * Extraction fed a line's top-level statements one at a time, in parseProgram's order, so
 * each statement's tree can go once it is walked.
 */
export interface Extractor {
  statement(node: SyntaxNode): void;
  /** The extraction, with the parser's errors (what bash would reject) as its facts'. */
  finish(errors: string[]): Extraction;
}

export const SEP_SEMICOLON = 0;
export const SEP_AMPERSAND = 1;
export const SEP_NEWLINE = 2;

/** Where a statement list has got to: the previous statement and the separator after it. */
interface SequenceState {
  /** The previous statement's commands as [prevStart, prevEnd). */
  prevStart: number;
  prevEnd: number;
  prevTextEnd: number;
  /** SEP_SEMICOLON or SEP_AMPERSAND after the previous statement, or -1. */
  pendingSep: number;
}
const newSequence = (): SequenceState => ({ prevStart: -1, prevEnd: 0, prevTextEnd: 0, pendingSep: -1 });

/** The lists an extraction fills, refilled by the next (shared.ts). */
const COMMANDS = new Refill<RawCommand>();
const SEQUENCES = new Refill<number>();
const STAGES = new Refill<number>();

export function extractor(): Extractor {
  const commands = COMMANDS.take();
  const sequences = SEQUENCES.take();
  const disguised = new Set<number>();
  /**
   * A new command at the end of the list. Its effective argv is its argv until unwrap says
   * otherwise; context arrays are never changed once made (addContext replaces them), so it
   * shares its enclosing one; its lists start as the shared empty array. Its argv is a new
   * list to fill, or the one given (a plain command's is the parser's, already complete).
   */
  const newCommand = (node: SyntaxNode, ctx: readonly CommandContext[], argv: string[] = [], dynamic: readonly boolean[] = NONE): RawCommand => {
    const cmd: RawCommand = { text: node.text, argv, effective: argv, dynamic, assignments: NONE, redirects: NONE, context: ctx, writes: NONE, reads: NONE, readOnly: false };
    commands.push(cmd);
    return cmd;
  };
  const facts: Facts = {
    errors: [],
    substitutions: [],
    processSubs: [],
    functions: [],
    pipelines: [],
    sequences,
    background: [],
    heredocs: [],
    assignments: [],
  };
  let currentOwner = -1;

  /** The commands `node` adds when visited, as a range. */
  const visitRange = (node: SyntaxNode, ctx: readonly CommandContext[]): Range => {
    const start = commands.length;
    visit(node, ctx);
    return [start, commands.length];
  };
  const childrenRange = (node: SyntaxNode, ctx: readonly CommandContext[]): Range => {
    const start = commands.length;
    children(node, ctx);
    return [start, commands.length];
  };

  const addContext = (r: Range, c: CommandContext) => {
    for (let i = r[0]; i < r[1]; i++) commands[i]!.context = within(commands[i]!.context, c);
  };

  function visit(node: SyntaxNode, ctx: readonly CommandContext[]): void {
    if (ctx.length > MAX_CONTEXT_DEPTH) {
      facts.tooDeep ??= node.text;
      return;
    }
    switch (node.type) {
      case "comment":
        return;
      case "program":
      case "compound_statement":
      case "subshell":
      case "do_group":
        return sequence(node, node.type === "subshell" ? within(ctx, "subshell") : node.type === "compound_statement" ? within(ctx, "group") : ctx);
      case "pipeline": {
        const stages = STAGES.take();
        const inner = within(ctx, "pipeline");
        for (const child of node.children) {
          if (!child.isNamed) continue;
          stages.push(commands.length);
          visit(child, inner);
        }
        facts.pipelines.push(STAGES.give(stages));
        return;
      }
      case "redirected_statement": {
        const body = node.childForFieldName("body");
        const start = commands.length;
        if (body) visit(body, ctx);
        const end = commands.length;
        const redirects: Redirect[] = [];
        for (const child of node.children) if (child.isNamed && child !== body) redirects.push(redirect(child, ctx, start, end));
        for (let i = start; i < end; i++) {
          const c = commands[i]!;
          c.redirects = c.redirects.length ? [...c.redirects, ...redirects] : redirects;
        }
        return;
      }
      case "command":
        return command(node, ctx);
      case "declaration_command":
      case "unset_command":
      case "test_command":
        return pseudoCommand(node, ctx);
      case "variable_assignment": {
        const a = assignment(node, ctx);
        facts.assignments.push({ ...a, text: node.text });
        return;
      }
      case "function_definition": {
        const name = node.childForFieldName("name")?.text ?? "";
        const body = node.childForFieldName("body");
        const r = body ? visitRange(body, within(ctx, "function")) : ([commands.length, commands.length] as const);
        facts.functions.push({ name, text: node.text, range: r });
        return;
      }
      case "command_substitution": {
        const backtick = node.firstChild?.type === "`";
        const owner = currentOwner;
        const r = childrenRange(node, within(ctx, "substitution"));
        facts.substitutions.push({ backtick, text: node.text, range: r, owner });
        return;
      }
      case "process_substitution": {
        const output = node.firstChild?.type === ">(";
        const owner = currentOwner;
        const r = childrenRange(node, within(ctx, "process-substitution"));
        facts.processSubs.push({ output, text: node.text, range: r, owner });
        return;
      }
      case "while_statement":
      case "until_statement":
      case "for_statement":
      case "c_style_for_statement":
        return children(node, within(ctx, "loop"));
      case "if_statement":
      case "elif_clause":
      case "case_statement":
        return children(node, within(ctx, "condition"));
      default:
        return children(node, ctx);
    }
  }

  function children(node: SyntaxNode, ctx: readonly CommandContext[]): void {
    for (const child of node.children) if (child) visit(child, ctx);
  }

  /** Statements in order, noting `;`, `&` and newlines between them. */
  function sequence(node: SyntaxNode, ctx: readonly CommandContext[]): void {
    const state = newSequence();
    for (const child of node.children) step(state, child, ctx);
  }

  function step(s: SequenceState, child: SyntaxNode, ctx: readonly CommandContext[]): void {
    if (!child.isNamed) {
      const t = child.type;
      if (STATEMENT_SEPARATORS.has(t)) {
        s.pendingSep = t === "&" ? SEP_AMPERSAND : SEP_SEMICOLON;
        if (t === "&" && s.prevStart >= 0) {
          const prev: Range = [s.prevStart, s.prevEnd];
          facts.background.push(prev);
          addContext(prev, "background");
        }
      }
      return;
    }
    if (child.type === "comment" || child.type === "heredoc_body") {
      visit(child, ctx);
      return;
    }
    const start = commands.length;
    visit(child, ctx);
    const end = commands.length;
    if (s.prevStart >= 0) {
      const sep = s.pendingSep >= 0 ? s.pendingSep : hasNewline(child.source, s.prevTextEnd, child.startIndex) ? SEP_NEWLINE : -1;
      if (sep >= 0) sequences.push(sep, s.prevStart, s.prevEnd, start, end);
    }
    s.prevStart = start;
    s.prevEnd = end;
    s.prevTextEnd = child.endIndex;
    s.pendingSep = -1;
  }

  function command(node: SyntaxNode, ctx: readonly CommandContext[]): void {
    if (node.parts !== undefined && allText(node.parts)) {
      // Every word plain (most commands): the parser's list is the argv, and nothing is nested.
      newCommand(node, ctx, node.parts, allStatic(node.parts.length));
      return;
    }
    const index = commands.length;
    const cmd = newCommand(node, ctx);
    const parts = node.parts ?? node.children;
    const outer = currentOwner;
    currentOwner = index;
    // Made at the first dynamic word: most commands have none and share an all-false list.
    let dynamic: boolean[] | undefined;
    for (let k = 0; k < parts.length; k++) {
      const child = parts[k]!;
      // A plain word (the parser made no node for it): its text is its value.
      if (typeof child === "string") {
        cmd.argv.push(child);
        dynamic?.push(false);
        continue;
      }
      if (!child.isNamed) continue;
      switch (child.type) {
        case "variable_assignment":
          cmd.assignments = [...cmd.assignments, assignment(child, ctx)];
          break;
        case "file_redirect":
        case "heredoc_redirect":
        case "herestring_redirect":
          cmd.redirects = [...cmd.redirects, redirect(child, ctx, index, index + 1)];
          break;
        case "comment":
          break;
        default: {
          // Most words are plain: their text is their value, and nothing is nested in them.
          const plain = plainWord(child);
          if (plain !== undefined) {
            cmd.argv.push(plain);
            dynamic?.push(false);
            break;
          }
          const v = wordValue(child);
          // The first word is the command's name: how it was written is a fact of its own.
          if (cmd.argv.length === 0 && v.disguised) disguised.add(index);
          if (v.dynamic && !dynamic) dynamic = new Array<boolean>(cmd.argv.length).fill(false);
          cmd.argv.push(v.value);
          dynamic?.push(v.dynamic);
          nested(child, ctx);
        }
      }
    }
    cmd.dynamic = dynamic ?? allStatic(cmd.argv.length);
    currentOwner = outer;
  }

  /** export/declare/local/unset/[[ … ]]: kept as commands so rules and checks see them. */
  function pseudoCommand(node: SyntaxNode, ctx: readonly CommandContext[]): void {
    const outer = currentOwner;
    currentOwner = commands.length;
    const cmd = newCommand(node, ctx);
    const dynamic: boolean[] = [];
    cmd.dynamic = dynamic;
    const first = node.firstChild;
    cmd.argv.push(node.type === "test_command" ? (first?.text ?? "[[") : (first?.text ?? node.type));
    dynamic.push(false);
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (child.type === "variable_assignment") {
        const a = assignment(child, ctx);
        cmd.assignments = [...cmd.assignments, a];
        cmd.argv.push(`${a.name}=${a.value}`);
        dynamic.push(false);
        continue;
      }
      const v = wordValue(child);
      cmd.argv.push(v.value);
      dynamic.push(v.dynamic);
      nested(child, ctx);
    }
    currentOwner = outer;
  }

  function assignment(node: SyntaxNode, ctx: readonly CommandContext[]): { name: string; value: string } {
    const nameNode = node.childForFieldName("name");
    const valueNode = node.childForFieldName("value");
    // a[$(id)]=1 runs the substitution in the subscript too.
    if (nameNode) nested(nameNode, ctx);
    if (valueNode) nested(valueNode, ctx);
    return { name: nameNode?.text ?? "", value: valueNode ? wordValue(valueNode).value : "" };
  }

  /**
   * One redirect: [fd] operator [target], a heredoc (its body's substitutions are visited),
   * or a here-string. The commands in `owner` receive it; for a heredoc or here-string on
   * a group (`{ a; b; } <<EOF`) each of them may be the one that reads it.
   */
  function redirect(node: SyntaxNode, ctx: readonly CommandContext[], ownerStart: number, ownerEnd: number): Redirect {
    let op = "";
    let fd: string | undefined;
    let target = "";
    let dynamic = false;
    for (const child of node.children) {
      if (!child.isNamed) op += child.type;
      else if (child.type === "file_descriptor") fd = child.text;
      else if (child.type === "heredoc_start") target = child.text;
      else if (child.type === "heredoc_body") nested(child, ctx);
      else if (child.type !== "heredoc_end") {
        // Most targets (build.log, &1, /dev/null) are plain words: their text is their value.
        const plain = plainWord(child);
        if (plain !== undefined) target = plain;
        else {
          const v = wordValue(child);
          target = v.value;
          dynamic = v.dynamic;
          nested(child, ctx);
        }
      }
    }
    if (node.type === "heredoc_redirect" || node.type === "herestring_redirect") {
      for (let c = ownerStart; c < ownerEnd; c++) facts.heredocs.push({ command: c, text: node.text });
    }
    const red: Redirect = { op: op || node.type, target, dynamic };
    if (fd !== undefined) red.fd = fd;
    return red;
  }

  /** Visits substitutions hidden inside a word. */
  function nested(node: SyntaxNode, ctx: readonly CommandContext[]): void {
    if (node.type === "command_substitution" || node.type === "process_substitution") return visit(node, ctx);
    if (node.childCount === 0) return;
    for (const child of node.children) if (child) nested(child, ctx);
  }

  // The top level's list, fed by statement(): its context is no construct.
  const top = newSequence();
  return {
    statement: (node) => step(top, node, TOP_LEVEL),
    finish: (errors) => {
      facts.errors = errors;
      facts.sequences = SEQUENCES.give(sequences);
      return { commands: COMMANDS.give(commands), disguised, facts };
    },
  };
}

/** A command's parts are all plain words: no assignment, redirect or word node among them. */
function allText(parts: readonly (SyntaxNode | string)[]): parts is string[] {
  for (let i = 0; i < parts.length; i++) if (typeof parts[i] !== "string") return false;
  return true;
}

function hasNewline(source: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (source.charCodeAt(i) === 10) return true;
  return false;
}
