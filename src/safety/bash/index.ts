// Bash command analysis: a real parser (tree-sitter-bash), the sub-commands of a line,
// and named checks folded into allow / ask / deny.
export { analyzeBash, analyzeWith, verdictOf } from "./analyze.ts";
export { CHECK_IDS, CHECKS, type CheckId } from "./checks.ts";
export { bashParser, wasmPaths } from "./parser.ts";
export type { AnalyzeOptions, BashAnalysis, CheckLevel, CommandContext, FiredCheck, Redirect, SubCommand, Verdict } from "./types.ts";
