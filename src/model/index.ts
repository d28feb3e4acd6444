// The model boundary: the Anthropic client, one streaming call folded into typed
// events, usage and cost, and error classification. The engine composes these.
export { assertCredentials, clientConfigFrom, createClient, type ClientConfig } from "./client.ts";
export { describeModelError, type ModelErrorInfo, type ModelErrorKind } from "./errors.ts";
export {
  sdkSource,
  streamMessage,
  StreamCutError,
  type FinalMessage,
  type MessageSource,
  type RequestParams,
  type StreamEvent,
  type ToolCall,
} from "./stream.ts";
export { addUsage, costUsd, emptyUsage, priceFor, type TokenUsage } from "./usage.ts";
export type {
  ContentBlock,
  ContentBlockParam,
  MessageParam,
  TextBlockParam,
  Tool as ApiTool,
  ToolResultBlockParam,
} from "@anthropic-ai/sdk/resources/messages";

export const DEFAULT_MODEL = "claude-sonnet-5-5";
/** Tokens a request may hold, for the models keel defaults to: compaction and the status line measure against it. */
export const DEFAULT_CONTEXT_WINDOW = 200_000;
/** For small judgements (prompt hooks) when settings.smallModel names none. */
export const SMALL_MODEL = "claude-haiku-5-5";
export { DEFAULT_RETRY, nextDelay, type RetryNotice, type RetryPolicy, retrying, serverAdvice, UNATTENDED_RETRY } from "./retry.ts";
