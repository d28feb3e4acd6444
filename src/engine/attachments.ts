// Phase 4 of a turn: context gathered after the tools ran, sent with the next call.
// Today: files the session read that changed on disk since (by the user, a formatter,
// a tool outside the session). Memory hits and notifications plug in as more collectors.
import { readFile, stat } from "node:fs/promises";
import { createHash } from "node:crypto";
import type { FileReadState } from "./tool-contract.ts";

export interface Attachment {
  kind: "changed_file" | "memory" | "notification";
  /** One line for the UI / transcript. */
  summary: string;
  /** The text the model receives. */
  text: string;
  /** changed_file: the file. */
  path?: string;
}

export type AttachmentCollector = (ctx: { files: FileReadState; cwd: string; signal: AbortSignal }) => Promise<Attachment[]>;

const MAX_INLINE_BYTES = 20_000;

/** Reports each changed file once: the state is updated to what is on disk now. */
export const changedFiles: AttachmentCollector = async ({ files }) => {
  const out: Attachment[] = [];
  for (const [path, seen] of [...files.entries()]) {
    let st;
    try {
      st = await stat(path);
    } catch {
      continue; // deleted files are found by the next tool that touches them
    }
    if (st.mtimeMs === seen.mtimeMs && st.size === seen.size) continue;
    const bytes = await readFile(path).catch(() => undefined);
    if (!bytes) continue;
    const hash = createHash("sha256").update(bytes).digest("hex");
    if (hash === seen.hash) {
      files.set(path, { mtimeMs: st.mtimeMs, size: st.size, hash });
      continue;
    }
    // The file stays "read" only if the model gets its full content now; otherwise it
    // must read again before editing (the edit tools check the hash).
    const inline = bytes.byteLength <= MAX_INLINE_BYTES;
    files.set(path, { mtimeMs: st.mtimeMs, size: st.size, hash: inline ? hash : seen.hash });
    out.push({
      kind: "changed_file",
      path,
      summary: `${path} changed on disk`,
      text: inline
        ? `<system-reminder>${path} was modified outside this conversation since you read it. Its current content:\n${bytes.toString("utf8")}\n</system-reminder>`
        : `<system-reminder>${path} was modified outside this conversation since you read it (${bytes.byteLength} bytes). Read it again before relying on it.</system-reminder>`,
    });
  }
  return out;
};

export const defaultCollectors: readonly AttachmentCollector[] = [changedFiles];
