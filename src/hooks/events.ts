// Hook events and what a hook hears and says. Payloads carry Claude Code's stdin fields
// (session_id, transcript_path, cwd, permission_mode, hook_event_name, tool_name,
// tool_input, tool_use_id, …) so its hooks run unchanged.

export const HOOK_EVENTS = [
  "SessionStart",
  "SessionEnd",
  "UserPromptSubmit",
  "PreToolUse",
  "PostToolUse",
  "PostToolUseFailure",
  "PermissionRequest",
  "PermissionDenied",
  "Notification",
  "Stop",
  "StopFailure",
  "SubagentStart",
  "SubagentStop",
  "PreCompact",
  "PostCompact",
  "PreModelSwitch",
  "PostModelSwitch",
  "ConfigChange",
  "CwdChanged",
  "FileChanged",
  "InstructionsLoaded",
  "TaskCreated",
  "TaskCompleted",
  "FlagChanged",
  "PluginInstalled",
  "PluginRemoved",
] as const;

export type HookEvent = (typeof HOOK_EVENTS)[number];
export const isHookEvent = (s: string): s is HookEvent => (HOOK_EVENTS as readonly string[]).includes(s);

/** Events whose matcher is tested against a tool name. */
export const TOOL_EVENTS: ReadonlySet<HookEvent> = new Set(["PreToolUse", "PostToolUse", "PostToolUseFailure", "PermissionRequest", "PermissionDenied"]);

export interface HookPayload {
  session_id: string;
  cwd: string;
  hook_event_name: HookEvent;
  transcript_path?: string;
  permission_mode?: string;
  tool_name?: string;
  tool_input?: unknown;
  tool_use_id?: string;
  tool_response?: unknown;
  error?: string;
  prompt?: string;
  reason?: string;
  stop_hook_active?: boolean;
  [field: string]: unknown;
}

/** What the engine takes from the hooks of one event, all of them combined. */
export interface HookOutcome {
  /** Blocks: PreToolUse (the tool does not run), UserPromptSubmit (the prompt is dropped), Stop (the agent continues). */
  block?: { reason: string };
  /** PreToolUse: allow skips the permission prompt, ask forces it. */
  decision?: "allow" | "ask";
  decisionReason?: string;
  /** PreToolUse: the tool input to use instead. */
  updatedInput?: unknown;
  /** Context for the model (UserPromptSubmit, PostToolUse, SessionStart). */
  context?: string;
  /** A hook said `continue: false`: the session stops after this point. */
  stop?: { reason: string };
}

export interface HookRunner {
  run(event: HookEvent, payload: HookPayload): Promise<HookOutcome>;
}

export const noHooks: HookRunner = { run: async () => ({}) };
