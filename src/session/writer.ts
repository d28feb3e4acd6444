// Append-only transcript writer. Each record is one write(2) on an O_APPEND fd, made
// as it happens: the bytes are in the kernel's page cache when the call returns, so a
// SIGKILL loses nothing already written. No fsync per record (it costs milliseconds and
// guards only against power loss); the file is fsynced once when the session closes.
import { closeSync, fstatSync, fsyncSync, mkdirSync, openSync, readSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { KeelError } from "../errors.ts";
import type { TranscriptRecord } from "./records.ts";

export interface TranscriptWriter {
  readonly path: string;
  append(record: TranscriptRecord): void;
  close(): void;
}

export function openTranscript(path: string): TranscriptWriter {
  let fd: number | undefined;
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    fd = openSync(path, "a+", 0o600);
    // A crash mid-write can leave a torn last line; start on a fresh line so that the
    // torn one is the only line lost (the loader skips it).
    if (!endsWithNewline(fd)) writeSync(fd, "\n");
  } catch (e) {
    throw new KeelError(`cannot write the session transcript ${path}: ${(e as Error).message}`);
  }
  return {
    path,
    append(record) {
      if (fd === undefined) return;
      // One write per line: a crash mid-write leaves at most one torn last line.
      writeSync(fd, `${JSON.stringify(record)}\n`);
    },
    close() {
      if (fd === undefined) return;
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
        fd = undefined;
      }
    },
  };
}

function endsWithNewline(fd: number): boolean {
  const size = fstatSync(fd).size;
  if (size === 0) return true;
  const last = Buffer.alloc(1);
  readSync(fd, last, 0, 1, size - 1);
  return last[0] === 0x0a;
}
