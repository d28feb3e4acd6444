// Bash analysis end to end: raw-text checks, parse, extract sub-commands, classify each,
// run the named checks, fold them into a verdict. Unparseable input is "unknown → ask".
// Synchronous and without start-up cost: the parser is plain code (parse/).
import { argvAccess, redirectWrites } from "./access.ts";
import { cached, remember } from "./cache.ts";
import { commandChecks, type CommandFacts } from "./command-checks.ts";
import { fire } from "./checks.ts";
import { extract } from "./extract.ts";
import { MAX_PAREN_DEPTH, MAX_SHELL_NESTING, parenDepth } from "./limits.ts";
import { parseBash, type Parsed } from "./parse/index.ts";
import { isReadOnlyArgv } from "./read-only.ts";
import { SHELLS } from "./tables.ts";
import { structureChecks } from "./structure-checks.ts";
import { textChecks } from "./text-checks.ts";
import type { AnalyzeOptions, BashAnalysis, FiredCheck, SubCommand, Verdict } from "./types.ts";
import { unwrap } from "./unwrap.ts";

/** A parser: the syntax tree of a command line and what in it bash would reject. */
export type ParseFn = (command: string) => Parsed;

/** Wrappers that change nothing about what the inner command may do. */
const HARMLESS_WRAPPERS = new Set(["timeout", "nice", "ionice", "time", "stdbuf", "command", "builtin", "xargs", "find", "unbuffer", "watch", "env", "flock", "chrt", "taskset"]);

/** Analyses a command line. The result is frozen and may be shared. */
export function analyzeBash(command: string, opts: AnalyzeOptions = {}): BashAnalysis {
  return cached(command, opts) ?? remember(command, opts, analyzeWith(parseBash, command, opts));
}

/** Analysis with a given parser, uncached (benches; tests hold it against another parser). */
export function analyzeWith(parse: ParseFn, command: string, opts: AnalyzeOptions = {}, depth = 0): BashAnalysis {
  const checks: FiredCheck[] = depth === 0 ? textChecks(command) : [];
  const parens = parenDepth(command);
  if (parens > MAX_PAREN_DEPTH) return unanalysed(command, checks, `${parens} levels of (…), more than ${MAX_PAREN_DEPTH}`);
  try {
    return analyzeParsed(parse, command, opts, depth, checks);
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

function analyzeParsed(parse: ParseFn, command: string, opts: AnalyzeOptions, depth: number, checks: FiredCheck[]): BashAnalysis {
  const parsed = parse(command);
  const extraction = extract(parsed.root);
  extraction.facts.errors.unshift(...parsed.errors);
  let escaped = false;
  const facts: CommandFacts[] = extraction.commands.map((raw) => {
    const cwdEscaped = escaped;
    if (raw.argv[0] === "cd" || raw.argv[0] === "pushd") escaped ||= raw.argv.length === 1 || /^(\/|~|\.\.|\$|-$)/.test(raw.argv[1] ?? "");
    const { argv: effective, env, wrappers } = unwrap(raw.argv);
    const access = argvAccess(effective);
    const redirected = redirectWrites(raw.redirects);
    const writes = redirected.length === 0 ? access.writes : access.writes.length === 0 ? redirected : [...redirected, ...access.writes];
    const readOnly =
      (wrappers.length === 0 || wrappers.every((w) => HARMLESS_WRAPPERS.has(w))) &&
      env.length === 0 &&
      !raw.dynamic[0] &&
      writes.length === 0 &&
      isReadOnlyArgv(effective);
    return {
      text: raw.text,
      argv: raw.argv,
      effective,
      dynamic: raw.dynamic,
      assignments: raw.assignments,
      redirects: raw.redirects,
      context: raw.context,
      writes,
      reads: access.reads,
      readOnly,
      nameDisguised: raw.nameDisguised,
      wrappers,
      wrapperEnv: env,
      cwdEscaped,
    };
  });

  checks.push(...structureChecks(extraction.facts, facts));
  facts.forEach((c, i) => checks.push(...commandChecks(c, i, opts)));
  const commands: SubCommand[] = facts.map(publicView);

  facts.forEach((c, i) => {
    const script = shellScript(c);
    if (script === undefined) return;
    if (depth >= MAX_SHELL_NESTING) return void checks.push(fire("nesting-limit", `${MAX_SHELL_NESTING + 1} shells deep: ${script}`, i));
    const inner = analyzeWith(parse, script, opts, depth + 1);
    const offset = commands.length;
    for (const sub of inner.commands) commands.push({ ...sub, context: [...c.context, "nested-shell", ...sub.context] });
    for (const ch of inner.checks) checks.push(ch.command === undefined ? { ...ch, command: i } : { ...ch, command: ch.command + offset });
  });

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
function shellScript(c: CommandFacts): string | undefined {
  const [name, ...args] = c.effective;
  if (!name || !SHELLS.has(name)) return undefined;
  const at = args.findIndex((a) => /^-[a-zA-Z]*c[a-zA-Z]*$/.test(a));
  if (at < 0) return undefined;
  const script = args[at + 1];
  const dynamicIndex = c.argv.length - c.effective.length + 1 + at + 1;
  if (script === undefined || c.dynamic[dynamicIndex]) return undefined;
  return script;
}

function publicView(c: CommandFacts): SubCommand {
  return {
    text: c.text,
    argv: c.argv,
    effective: c.effective,
    dynamic: c.dynamic,
    assignments: c.assignments,
    redirects: c.redirects,
    context: c.context,
    writes: c.writes,
    reads: c.reads,
    readOnly: c.readOnly,
  };
}
