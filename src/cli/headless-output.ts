// What a headless run prints: the result object scripts read (the shape Claude Code's
// `-p --output-format json` users already parse), and the per-format printers.
import type { EngineEvent } from "../engine/index.ts";
import type { OutputFormat } from "./headless-options.ts";

type SessionEnd = Extract<EngineEvent, { type: "session_end" }>;

export interface ResultJson {
  type: "result";
  subtype: "success" | "error_max_turns" | "error_during_execution";
  is_error: boolean;
  result: string;
  num_turns: number;
  duration_ms: number;
  duration_api_ms: number;
  usage: SessionEnd["usage"];
  total_cost_usd: number;
  session_id: string;
  stop: SessionEnd["stop"];
  error?: string;
}

export function resultJson(end: SessionEnd, apiMs: number): ResultJson {
  const subtype = end.stop === "success" || end.stop === "error_max_turns" ? end.stop : "error_during_execution";
  return {
    type: "result",
    subtype,
    is_error: end.stop !== "success",
    result: end.result,
    num_turns: end.numTurns,
    duration_ms: end.durationMs,
    duration_api_ms: Math.round(apiMs),
    usage: end.usage,
    total_cost_usd: end.costUsd,
    session_id: end.sessionId,
    stop: end.stop,
    ...(end.error ? { error: end.error } : {}),
  };
}

export interface Printer {
  event(ev: EngineEvent): void;
  result(r: ResultJson): void;
}

export function printerFor(format: OutputFormat, out: { write(s: string): unknown }): Printer {
  switch (format) {
    case "stream-json":
      return {
        event: (ev) => void out.write(`${JSON.stringify(ev)}\n`),
        result: (r) => void out.write(`${JSON.stringify(r)}\n`),
      };
    case "json":
      return { event: () => {}, result: (r) => void out.write(`${JSON.stringify(r)}\n`) };
    case "text":
      return {
        event: () => {},
        // The answer only; errors go to stderr from the caller.
        result: (r) => void (r.result ? out.write(r.result.endsWith("\n") ? r.result : `${r.result}\n`) : undefined),
      };
  }
}
