// A fake Anthropic Messages API for tests and benches: a real HTTP server on 127.0.0.1 with
// scripted replies (text, tool_use, thinking; chunking, delays, holds), faults, prompt-cache
// accounting and request recording. Usage and the token estimate: README.md in this folder.
export { startAnthropicServer, type AnthropicServer, type AnthropicServerOptions } from "./server.ts";
export { faults, errorBody, type FaultOptions } from "./faults.ts";
export { createGate, type Gate } from "./gate.ts";
export { text, toolUse, echo, lastUserText } from "./replies.ts";
export { countInputTokens, estimateTokens, estimateOutputTokens, canonicalJson, promptUnits, type PromptUnit, type Ttl } from "./tokens.ts";
export { PromptCache, MAX_BREAKPOINTS, type CacheOptions } from "./cache.ts";
export { bodyProblem, toolPairingProblem } from "./validate.ts";
export type * from "./types.ts";
