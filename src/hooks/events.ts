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

/**
 * The payload field a non-tool event's matcher is tested against (Claude Code's choice
 * where it has one). Events not listed fall back to `source`, then `trigger`.
 */
export const MATCH_FIELD: Partial<Record<HookEvent, string>> = {
  SessionStart: "source",
  PreCompact: "trigger",
  PostCompact: "trigger",
  InstructionsLoaded: "load_reason",
  ConfigChange: "source",
  PreModelSwitch: "reason",
  PostModelSwitch: "reason",
  FlagChanged: "flag",
  PluginInstalled: "plugin_name",
  PluginRemoved: "plugin_name",
};

/*
 * What each of the later events carries beyond session_id, cwd and hook_event_name, and
 * what a hook may decide. Exit 2 (or `{"decision":"block","reason":…}`) is "block".
 *
 * PreModelSwitch   {from_model, to_model, reason: "user" | "fallback"} — before `/model
 *                  <name>` in the REPL or the recovery ladder's fallback (layer 6). Block:
 *                  the model stays; the REPL shows the reason, a fallback is not taken and
 *                  the call fails as it would have with no fallback, naming the reason.
 * PostModelSwitch  {from_model, to_model, reason} — after the switch; nothing to decide.
 * ConfigChange     {file_path, source: "user_settings" | "project_settings" | "local_settings"
 *                  | "policy_settings" | "cli_settings", scope: the layer name} — a settings
 *                  file the running session loaded changed on disk (debounced; an unchanged
 *                  rewrite is no change; a file whose directory did not exist at start is
 *                  left to the next session). The session then reloads that file's hooks;
 *                  the rest (model, permissions, sandbox, env) applies from the next session.
 *                  Block: the file's new hooks are not applied — except for the managed
 *                  layer (policy_settings), which a hook may not veto.
 * CwdChanged       {old_cwd, new_cwd} — keel's Bash tool keeps one working directory for
 *                  the session: when a foreground command exits 0, its top-level `cd`s (in
 *                  order; not in a subshell, pipeline, condition, loop or background job)
 *                  say where its shell ended — `cd sub`, `cd sub && make`, `make; cd build`
 *                  — and when that is another existing directory inside the session's
 *                  directory, later tool calls run there and CwdChanged fires. A `cd` out of
 *                  the session's directory is not kept (the result says so) and fires
 *                  nothing; one whose target needs the shell ($VAR, `cd -`) moves nothing.
 * InstructionsLoaded {file_path, memory_type: "User" | "Project", load_reason:
 *                  "session_start" | "compact", truncated} — once per AGENTS.md / KEEL.md /
 *                  CLAUDE.md put into the prompt: when the session's first prompt is built,
 *                  and again after each summary compaction re-reads them. (The REPL builds
 *                  a fresh prompt per message and picks up edits then, without re-firing.)
 * TaskCreated      {task_id, task_subject, content, status, active_form} — a TodoWrite
 *                  call added an item (items are known by their content; ids are "1", "2",
 *                  … in order of creation). Block: the item is dropped from the list.
 * TaskCompleted    {task_id, task_subject, content, status: "completed", active_form} — an
 *                  item's status became completed. Block: the item keeps its earlier status
 *                  (pending for a new item, or if another item is in progress) and the
 *                  tool result tells the model the hook's reason (its stderr on exit 2).
 * FlagChanged      {flag, old_value, new_value, source} — the session's resolved flag
 *                  snapshot changed (a remote GrowthBook refresh or SSE push); followed
 *                  only in sessions that have a FlagChanged hook. Nothing to decide.
 * PluginInstalled  {plugin_name, version, publisher, source, signed} — after `keel plugin
 *                  install`, `update` or `rollback` made a version active (session_id is "":
 *                  no session). The matcher is tested against plugin_name. Nothing to decide.
 * PluginRemoved    {plugin_name, version, publisher, source, signed} — after `keel plugin
 *                  remove`. Matcher: plugin_name.
 *
 * A Task sub-agent passes only the tool events to hooks, so none of these fire inside one.
 */

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

/** The fields the later events add to the common ones (documented above); emitters are checked against them. */
export interface EventFields {
  PreModelSwitch: ModelSwitchFields;
  PostModelSwitch: ModelSwitchFields;
  ConfigChange: { file_path: string; source: string; scope: string };
  CwdChanged: { old_cwd: string; new_cwd: string };
  InstructionsLoaded: { file_path: string; memory_type: "User" | "Project"; load_reason: "session_start" | "compact"; truncated: boolean };
  TaskCreated: TaskFields;
  TaskCompleted: TaskFields;
  FlagChanged: { flag: string; old_value: unknown; new_value: unknown; source: string };
}

export interface ModelSwitchFields {
  from_model: string;
  to_model: string;
  reason: "user" | "fallback";
}

export interface TaskFields {
  task_id: string;
  /** Claude Code's name for the item's text; `content` is TodoWrite's. */
  task_subject: string;
  content: string;
  status: "pending" | "in_progress" | "completed";
  active_form: string;
}

/** What the engine takes from the hooks of one event, all of them combined. */
export interface HookOutcome {
  /** Blocks: PreToolUse (the tool does not run), UserPromptSubmit (the prompt is dropped), Stop (the agent continues), and the later events above. */
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
