// Bash analysis end to end: raw-text checks, parse, extract sub-commands, classify each,
// run the named checks, fold them into a verdict. Unparseable input is "unknown → ask".
// Synchronous and without start-up cost: the parser is plain code (parse/).
import { setAccess } from "./access.ts";
import { cached, remember } from "./cache.ts";
import { type CommandExtras, commandChecks } from "./command-checks.ts";
import { fire } from "./checks.ts";
import { extractor } from "./extract.ts";
import { MAX_PAREN_DEPTH, MAX_SHELL_NESTING, parenDepth } from "./limits.ts";
import { parseProgram } from "./parse/index.ts";
import { isReadOnlyArgv } from "./read-only.ts";
import { isShellCommandFlag, SHELLS } from "./tables.ts";
import { structureChecks } from "./structure-checks.ts";
import { textChecks } from "./text-checks.ts";
import type { AnalyzeOptions, BashAnalysis, FiredCheck, SubCommand, Verdict } from "./types.ts";
import { type Unwrapped, unwrap } from "./unwrap.ts";
import { NONE } from "./shared.ts";

/** Wrappers that change nothing about what the inner command may do. */
const HARMLESS_WRAPPERS = new Set(["timeout", "nice", "ionice", "time", "stdbuf", "command", "builtin", "xargs", "find", "unbuffer", "watch", "env", "flock", "chrt", "taskset"]);
const isHarmlessWrapper = (w: string) => HARMLESS_WRAPPERS.has(w);
/** A `cd` whose target leaves the project (or cannot be known): later relative paths are elsewhere. */
const CD_AWAY = /^(\/|~|\.\.|\$|-$)/;

/** Analyses a command line. The result is frozen and may be shared. */
export function analyzeBash(command: string, opts: AnalyzeOptions = {}): BashAnalysis {
  return cached(command, opts) ?? remember(command, opts, analyzeUncached(command, opts));
}

/** Analysis without the cache (benches; tests hold the cache against it). */
export function analyzeUncached(command: string, opts: AnalyzeOptions = {}, depth = 0): BashAnalysis {
  const checks: FiredCheck[] = depth === 0 ? textChecks(command) : [];
  const parens = parenDepth(command);
  if (parens > MAX_PAREN_DEPTH) return unanalysed(command, checks, `${parens} levels of (…), more than ${MAX_PAREN_DEPTH}`);
  try {
    return analyzeParsed(command, opts, depth, checks);
  } catch (e) {
    // Nesting the paren count does not see ({ { …, if in if) can still exhaust the stack.
    if (e instanceof RangeError) return unanalysed(command, checks, `nesting too deep to follow (${e.message})`);
    throw e;
  }
}

/** A command the analysis will not follow: confirm, with the reason named, and nothing allowed. */
function unanalysed(command: string, checks: FiredCheck[], detail: string): BashAnalysis {
  const all = [...checks, fire("nesting-limit", detail)];
  return { command, verdict: verdictOf(all), checks: all, commands: [], parsed: false, readOnly: false };
}

function analyzeParsed(command: string, opts: AnalyzeOptions, depth: number, checks: FiredCheck[]): BashAnalysis {
  // Each statement is walked as soon as it is parsed, so only one statement's tree is held at
  // a time: a collection during a long line then has the commands to mark, not the whole tree.
  const x = extractor();
  // The extraction keeps texts and words, never a node: each statement's nodes are recycled.
  const extraction = x.finish(parseProgram(command, x.statement, true));
  const { commands: subs, disguised } = extraction;
  const unwrappedAt = new Map<number, Unwrapped>();
  let cwdEscapedFrom = Infinity;
  for (let i = 0; i < subs.length; i++) {
    const c = subs[i]!;
    if ((c.argv[0] === "cd" || c.argv[0] === "pushd") && cwdEscapedFrom === Infinity && (c.argv.length === 1 || CD_AWAY.test(c.argv[1] ?? ""))) cwdEscapedFrom = i + 1;
    const unwrapped = unwrap(c.argv);
    const wrappers = unwrapped?.wrappers ?? NONE;
    const env = unwrapped?.env ?? NONE;
    if (unwrapped) {
      unwrappedAt.set(i, unwrapped);
      c.effective = unwrapped.argv;
    }
    setAccess(c);
    c.readOnly =
      (wrappers.length === 0 || wrappers.every(isHarmlessWrapper)) &&
      env.length === 0 &&
      !c.dynamic[0] &&
      c.writes.length === 0 &&
      isReadOnlyArgv(c.effective);
  }

  const extras: CommandExtras = { disguised, unwrapped: unwrappedAt, cwdEscapedFrom };
  checks.push(...structureChecks(extraction.facts, subs));
  for (let i = 0; i < subs.length; i++) {
    const fired = commandChecks(subs[i]!, i, extras, opts);
    // Nearly every command fires nothing: no spread of an empty list per command.
    for (let k = 0; k < fired.length; k++) checks.push(fired[k]!);
  }
  const commands: SubCommand[] = subs;

  // `sh -c '…'` scripts, analysed in turn; their commands go after this line's own.
  const own = subs.length;
  for (let i = 0; i < own; i++) {
    const c = subs[i]!;
    const script = shellScript(c);
    if (script === undefined) continue;
    if (depth >= MAX_SHELL_NESTING) {
      checks.push(fire("nesting-limit", `${MAX_SHELL_NESTING + 1} shells deep: ${script}`, i));
      continue;
    }
    const inner = analyzeUncached(script, opts, depth + 1);
    const offset = commands.length;
    for (const sub of inner.commands) commands.push({ ...sub, context: [...c.context, "nested-shell", ...sub.context] });
    for (const ch of inner.checks) checks.push(ch.command === undefined ? { ...ch, command: i } : { ...ch, command: ch.command + offset });
  }

  const verdict = verdictOf(checks);
  return {
    command,
    verdict,
    checks,
    commands,
    parsed: extraction.facts.errors.length === 0,
    readOnly: checks.length === 0 && commands.length > 0 && commands.every((c) => c.readOnly),
  };
}

export function verdictOf(checks: readonly FiredCheck[]): Verdict {
  if (checks.some((c) => c.level === "deny")) return "deny";
  return checks.length ? "ask" : "allow";
}

/** The literal script of `sh -c '…'`, for a nested analysis; undefined when there is none. */
function shellScript(c: SubCommand): string | undefined {
  const eff = c.effective;
  const name = eff[0];
  if (name === undefined || !SHELLS.has(name)) return undefined;
  let at = 1;
  while (at < eff.length && !isShellCommandFlag(eff[at]!)) at++;
  if (at >= eff.length) return undefined;
  const script = eff[at + 1];
  if (script === undefined || c.dynamic[c.argv.length - eff.length + at + 1]) return undefined;
  return script;
}
