// The engine: one ReAct loop as an async generator of typed events, consumed alike by
// every front end, with its seams (context prep, permission gate, hooks, attachment
// collectors) and the two tool executors.
export { type Attachment, type AttachmentCollector, changedFiles, defaultCollectors } from "./attachments.ts";
export {
  type ContextInput,
  type ContextPrep,
  type ContextSettings,
  DEFAULT_MAX_TOKENS,
  compiledContextPrep,
  minimalContextPrep,
  defaultSystemPrompt,
} from "./context-prep.ts";
export type { EngineEvent, EngineEventType, StopKind } from "./events.ts";
export { batchExecutor, createExecutor, type ExecutorKind, RunOrder, streamingExecutor, type ToolExecutor } from "./executors.ts";
export { appendUser, textOf, toParam } from "./history.ts";
export { toRecord } from "./record.ts";
export { type HookEvent, type HookOutcome, type HookPayload, type HookRunner, noHooks } from "./hooks.ts";
export { type AgentOptions, runAgent } from "./loop.ts";
export { cdTarget } from "./cwd-tracking.ts";
export { markCompacted } from "./instructions-loaded.ts";
export { type ModelSwitch, switchModel } from "./model-switch.ts";
export {
  allowAll,
  type AskAnswer,
  type AskHandler,
  type PermissionDecision,
  type PermissionGate,
  parseToolList,
} from "./permissions.ts";
export { createTaskTool, DEFAULT_SUBAGENT_TURNS, type SubagentType, TASK_TOOL_NAME, type TaskToolDeps } from "./task-tool.ts";
export type { RunEnv } from "./tool-run.ts";
export { builtinTools, createFileReadState, stopBackgroundShells, type Tool, type ToolContext, type WrapCommand } from "./tool-contract.ts";
export { type CompactInput, type CompactionOptions, compactHistory } from "./compress.ts";
