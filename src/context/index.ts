// Token accounting and the compression ladder: snip (1), micro-compact (2), auto-compact
// (3) and reactive compact (4), plus the drain that recovery layer 5 uses.
export { compacted, drain, SUMMARY_INSTRUCTION, summarize, type SummaryRequest } from "./compact.ts";
export { microcompact, type MicrocompactOptions, stubFor } from "./microcompact.ts";
export { SNIP_BUDGET_CHARS, snipMessages, snipText } from "./snip.ts";
export { historyTokens } from "./tokens.ts";
export { isPromptTooLong } from "./too-long.ts";
