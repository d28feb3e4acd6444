// Hooks: lifecycle events with Claude Code-compatible payloads and outputs, six hook
// kinds, matchers, timeouts, parallel runs, dedupe, once and async.
export { dedupeKey, HOOK_KINDS, type ConfigProblem, type HookDef, type HookKind, matcherMatches, readHooks } from "./config.ts";
export {
  type EventFields,
  HOOK_EVENTS,
  type HookEvent,
  type HookOutcome,
  type HookPayload,
  type HookRunner,
  isHookEvent,
  MATCH_FIELD,
  type ModelSwitchFields,
  noHooks,
  type TaskFields,
  TOOL_EVENTS,
} from "./events.ts";
export { type InjectedExecutor, labelOf } from "./executors.ts";
export { combine, fromJson, type Interpreted, interpret } from "./output.ts";
export { type JudgeModel, promptJudge, verdictOf } from "./prompt-judge.ts";
export { createHookRunner, type KeelHookRunner, type RunnerOptions } from "./runner.ts";
export { type HookCallback, hasHookCallback, registerHookCallback } from "./callbacks.ts";
export { CONFIG_SOURCES, type ConfigWatchOptions, type Watch, type WatchedLayer, watchConfig } from "./config-watch.ts";
export { type FlagChange, type FlagFeed, type FlagFollowOptions, followFlags } from "./flag-changes.ts";
export { type SessionWatchOptions, watchSession } from "./session-watch.ts";
