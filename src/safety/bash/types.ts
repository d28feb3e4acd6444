// What bash analysis produces: the sub-commands found in a command line and the named
// checks that fired on it, folded into one verdict (allow / ask / deny).

/** ask: needs a person unless an explicit rule covers it; confirm: a person every time; deny: never. */
export type CheckLevel = "ask" | "confirm" | "deny";
export type Verdict = "allow" | "ask" | "deny";

export interface FiredCheck {
  id: string;
  level: CheckLevel;
  reason: string;
  /** The offending text, shortened, so a person sees what fired. */
  detail?: string;
  /** Index into `commands` when the check concerns one sub-command. */
  command?: number;
}

export interface Redirect {
  /** The operator as written: >, >>, <, &>, >&, <<, <<<, >|, <>, &>>. */
  op: string;
  fd?: string;
  /** Literal target (file, fd number, or heredoc delimiter). */
  target: string;
  dynamic: boolean;
}

/** Where a sub-command sits: each enclosing construct, outermost first. */
export type CommandContext =
  | "pipeline"
  | "subshell"
  | "group"
  | "substitution"
  | "process-substitution"
  | "function"
  | "condition"
  | "loop"
  | "background"
  | "nested-shell"
  | "exec-argument";

export interface SubCommand {
  /** The source text of this command. */
  text: string;
  /** Words as the shell would pass them, quotes removed; expansions kept as written ($X). */
  argv: string[];
  /** argv after stripping harmless wrappers (timeout, nice, env, xargs, find -exec …). */
  effective: readonly string[];
  /** Per-word flag: the word contains an expansion, substitution or glob. */
  dynamic: readonly boolean[];
  assignments: readonly { name: string; value: string }[];
  redirects: readonly Redirect[];
  context: readonly CommandContext[];
  /** Paths this command writes (redirect targets, cp/mv/tee destinations, sed -i files …). */
  writes: readonly string[];
  /** Arguments that may name files it reads (non-option words). */
  reads: readonly string[];
  readOnly: boolean;
}

export interface BashAnalysis {
  command: string;
  verdict: Verdict;
  checks: FiredCheck[];
  commands: SubCommand[];
  /** False when the line has something bash would reject (a syntax error). */
  parsed: boolean;
  /** Every sub-command is read-only and nothing fired. */
  readOnly: boolean;
}

export interface AnalyzeOptions {
  /** Network access is allowed for this command (network tools do not fire). */
  network?: boolean;
}
