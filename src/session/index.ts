// Sessions: append-only JSONL transcripts per project, and finding and loading one
// back (--continue, --resume) as history the API accepts.
export { findSession, latestSession, recentSessions } from "./find.ts";
export { type LoadedSession, loadTranscript, parseTranscript } from "./load.ts";
export { projectDir, projectSlug, SESSION_ID, sessionsRoot, transcriptPath } from "./paths.ts";
export { TranscriptRecord } from "./records.ts";
export { type Repaired, repairHistory } from "./repair.ts";
export { openTranscript, type TranscriptWriter } from "./writer.ts";
