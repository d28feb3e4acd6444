// InstructionsLoaded: each memory file (AGENTS.md / KEEL.md / CLAUDE.md) a prompt session
// read, once when the session's first prompt is built and again after a summary
// compaction re-reads them. The REPL starts a run (and a prompt) per message; the store it
// keeps across runs remembers that the session already reported its start.
import type { MemoryFile } from "../prompt/index.ts";
import type { OnInstructions } from "./context-prep.ts";
import type { EventFields, HookRunner } from "./hooks.ts";

export type LoadReason = "session_start" | "compact";

const REPORTED = "engine.instructions-reported";

/** After a compaction outside a run (/compact in the REPL): the next run's load is reported as "compact". */
export const markCompacted = (store: Map<string, unknown>) => void store.set(REPORTED, "compact");

export function instructionsLoaded(hooks: HookRunner, ids: { sessionId: string; cwd: string }, reason: LoadReason, store: Map<string, unknown>): OnInstructions {
  return async (files: readonly MemoryFile[]) => {
    const seen = store.get(REPORTED);
    if (reason === "session_start" && seen === true) return;
    if (seen === "compact") reason = "compact";
    store.set(REPORTED, true);
    // One at a time, most general first: the order the prompt holds them in.
    for (const f of files) {
      const fields: EventFields["InstructionsLoaded"] = { file_path: f.path, memory_type: f.scope === "user" ? "User" : "Project", load_reason: reason, truncated: f.truncated };
      await hooks.run("InstructionsLoaded", { session_id: ids.sessionId, cwd: ids.cwd, hook_event_name: "InstructionsLoaded", ...fields }).catch(() => ({}));
    }
  };
}
