// Bash command analysis: a real parser (parse/, recursive descent as bash reads a line),
// the sub-commands of a line, and named checks folded into allow / ask / deny.
export { analyzeBash, analyzeUncached, verdictOf } from "./analyze.ts";
export { CHECK_IDS, CHECKS, type CheckId } from "./checks.ts";
export { parseBash, type Parsed } from "./parse/index.ts";
export type { AnalyzeOptions, BashAnalysis, CheckLevel, CommandContext, FiredCheck, Redirect, SubCommand, Verdict } from "./types.ts";
