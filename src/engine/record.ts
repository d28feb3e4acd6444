// Which engine events a transcript keeps, and how. Messages make resume possible; the
// rest (turn ends, tool outcomes, denials, errors, interrupts, the result) tell what
// happened. Deltas are not kept: the message that follows holds their text.
import type { TranscriptRecord } from "../session/index.ts";
import type { EngineEvent } from "./events.ts";

export function toRecord(ev: EngineEvent, ts = new Date().toISOString()): TranscriptRecord | undefined {
  switch (ev.type) {
    case "message":
      return { type: "message", ts, turn: ev.turn, message: ev.message as never };
    case "turn_end":
      return { type: "turn_end", ts, turn: ev.turn, stopReason: ev.stopReason, usage: ev.usage, model: ev.model };
    case "tool_result":
      return { type: "tool_result", ts, turn: ev.turn, id: ev.id, name: ev.name, isError: ev.isError, durationMs: ev.durationMs };
    case "permission_request":
      return { type: "permission", ts, turn: ev.turn, name: ev.name, decision: ev.decision, ...(ev.reason ? { reason: ev.reason } : {}) };
    case "error":
      return ev.kind === "aborted"
        ? { type: "interrupted", ts, turn: ev.turn, during: ev.message }
        : { type: "error", ts, turn: ev.turn, kind: ev.kind, message: ev.message };
    case "session_end":
      return {
        type: "result",
        ts,
        stop: ev.stop,
        numTurns: ev.numTurns,
        durationMs: ev.durationMs,
        usage: ev.usage,
        costUsd: ev.costUsd,
        ...(ev.error ? { error: ev.error } : {}),
      };
    default:
      return undefined;
  }
}
