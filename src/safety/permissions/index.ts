// Permission rules and modes: parsing, the pure evaluator, the gate the engine calls.
export { bashRuleCovers, evaluate, type PermissionRequest, type PermissionResult } from "./evaluate.ts";
export { createPermissionGate, type GateDecision, type GateOptions, type GateTool, pathOf, type PermissionGateImpl, suggestRule } from "./gate.ts";
export { absolutePattern, isInside, pathMatches, resolveRealPath } from "./paths.ts";
export { type Behavior, parseRule, parseRules, PERMISSION_MODES, type PermissionMode, type Rule, type RuleInput } from "./rule.ts";
