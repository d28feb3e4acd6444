// The hook seam: the engine calls these points; hooks/ will supply the runner that
// executes configured hooks (command, http, …). The default runs nothing.
export type HookEvent = "SessionStart" | "UserPromptSubmit" | "PreToolUse" | "PostToolUse" | "Stop" | "SessionEnd";

export interface HookPayload {
  session_id: string;
  cwd: string;
  hook_event_name: HookEvent;
  tool_name?: string;
  tool_input?: unknown;
  tool_use_id?: string;
  tool_response?: unknown;
  prompt?: string;
}

/** A hook may block (PreToolUse: the tool does not run; the reason goes to the model). */
export interface HookOutcome {
  block?: { reason: string };
  /** Extra context a hook adds for the model (e.g. UserPromptSubmit). */
  context?: string;
}

export interface HookRunner {
  run(event: HookEvent, payload: HookPayload): Promise<HookOutcome>;
}

export const noHooks: HookRunner = { run: async () => ({}) };
