// The hook seam: the engine calls these points with Claude Code-shaped payloads; hooks/
// supplies the runner (command, http, prompt, …). The default runs nothing.
export { type EventFields, type HookEvent, type HookOutcome, type HookPayload, type HookRunner, noHooks } from "../hooks/index.ts";
