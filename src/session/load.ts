// Reading a transcript back: every valid line in order; a torn or unknown line (a
// crash mid-write, a newer version) is skipped and counted, never fatal.
import { readFileSync } from "node:fs";
import type { MessageParam } from "@anthropic-ai/sdk/resources/messages";
import { KeelError } from "../errors.ts";
import { TranscriptRecord } from "./records.ts";
import { repairHistory } from "./repair.ts";

export interface LoadedSession {
  id: string;
  path: string;
  cwd: string;
  model: string;
  records: TranscriptRecord[];
  /** History ready to send (repaired). */
  messages: MessageParam[];
  dropped: string[];
  skippedLines: number;
}

export function parseTranscript(text: string): { records: TranscriptRecord[]; skipped: number } {
  const records: TranscriptRecord[] = [];
  let skipped = 0;
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      skipped++;
      continue;
    }
    const r = TranscriptRecord.safeParse(json);
    if (r.success) records.push(r.data);
    else skipped++;
  }
  return { records, skipped };
}

export function loadTranscript(path: string): LoadedSession {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new KeelError(`cannot read session transcript ${path}: ${(e as Error).message}`);
  }
  const { records, skipped } = parseTranscript(text);
  const head = records.find((r) => r.type === "session");
  if (!head || head.type !== "session") throw new KeelError(`${path} is not a keel session transcript (no session record)`);
  const recorded = records.flatMap((r) => (r.type === "message" ? [r.message as MessageParam] : []));
  const { messages, dropped } = repairHistory(recorded);
  const lastModel = records.reduce((m, r) => (r.type === "resume" || r.type === "session" ? r.model : m), head.model);
  return { id: head.id, path, cwd: head.cwd, model: lastModel, records, messages, dropped, skippedLines: skipped };
}
