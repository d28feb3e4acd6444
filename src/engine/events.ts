// The engine's output: one discriminated union every front end consumes the same way
// (interactive UI, headless text/json, stream-json lines, the daemon). Events are plain
// JSON data so that stream-json can print them as they are.
import type { MessageParam, TokenUsage } from "../model/index.ts";

export type StopKind = "success" | "error_max_turns" | "error_during_execution" | "interrupted";

export type EngineEvent =
  | { type: "session_start"; sessionId: string; model: string; cwd: string; tools: string[]; resumed: boolean }
  | { type: "turn_start"; turn: number }
  /** A message appended to the history (what a transcript records and a resume replays). */
  | { type: "message"; turn: number; message: MessageParam }
  | { type: "text_delta"; turn: number; text: string }
  | { type: "thinking_delta"; turn: number; thinking: string }
  /** The model's complete text for one content block. */
  | { type: "text"; turn: number; text: string }
  | { type: "tool_use"; turn: number; id: string; name: string; input: unknown }
  | { type: "tool_start"; turn: number; id: string; name: string }
  | {
      type: "tool_result";
      turn: number;
      id: string;
      name: string;
      isError: boolean;
      /** What the model receives (text only here; images are summarised). */
      content: string;
      display?: unknown;
      durationMs: number;
    }
  | { type: "permission_request"; turn: number; id: string; name: string; input: unknown; decision: "allow" | "deny"; reason?: string }
  | { type: "attachment"; turn: number; kind: "changed_file" | "memory" | "notification"; summary: string }
  /** A summary compaction begins (PreCompact); `compaction` follows when it is done (PostCompact). */
  | { type: "compaction_start"; turn: number; before: number; trigger: "auto" | "manual" | "reactive" }
  /** History compressed (tokens before and after): microcompact, auto, manual (/compact) or reactive. */
  | { type: "compaction"; turn: number; before: number; after: number; trigger: "microcompact" | "auto" | "manual" | "reactive" }
  | { type: "retry"; turn: number; attempt: number; reason: string; delayMs: number }
  | { type: "error"; turn: number; kind: string; message: string }
  | { type: "turn_end"; turn: number; stopReason: string | null; usage: TokenUsage; model: string }
  | {
      type: "session_end";
      sessionId: string;
      stop: StopKind;
      /** The model's last text, the headless result. */
      result: string;
      numTurns: number;
      durationMs: number;
      usage: TokenUsage;
      costUsd: number;
      error?: string;
    };

export type EngineEventType = EngineEvent["type"];
