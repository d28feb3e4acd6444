// Transcripts on disk: append per record, read back in order, survive a torn last line,
// and find the latest session / a session by id.
import { describe, expect, test } from "bun:test";
import { appendFileSync, mkdtempSync, readFileSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findSession, latestSession, loadTranscript, openTranscript, projectSlug, transcriptPath } from "../../src/session/index.ts";

const state = () => mkdtempSync(join(tmpdir(), "keel-state-"));
const ts = "2026-11-24T00:00:00.000Z";
const ID_A = "11111111-1111-4111-8111-111111111111";
const ID_B = "22222222-2222-4222-8222-222222222222";

function writeSession(stateDir: string, cwd: string, id: string, texts: string[]): string {
  const w = openTranscript(transcriptPath(stateDir, cwd, id));
  w.append({ type: "session", v: 1, id, cwd, model: "claude-haiku-5-5", ts, version: "test" });
  texts.forEach((text, i) =>
    w.append({ type: "message", ts, turn: i, message: { role: i % 2 ? "assistant" : "user", content: [{ type: "text", text }] } }),
  );
  w.close();
  return w.path;
}

describe("transcripts", () => {
  test("each record is on disk as soon as append returns", () => {
    const dir = state();
    const w = openTranscript(transcriptPath(dir, "/p", ID_A));
    w.append({ type: "session", v: 1, id: ID_A, cwd: "/p", model: "m", ts, version: "t" });
    expect(readFileSync(w.path, "utf8").split("\n").filter(Boolean)).toHaveLength(1);
    w.append({ type: "message", ts, turn: 0, message: { role: "user", content: "hi" } });
    expect(readFileSync(w.path, "utf8").split("\n").filter(Boolean)).toHaveLength(2);
    w.close();
  });

  test("a torn last line (a crash mid-write) is skipped and the rest loads", () => {
    const dir = state();
    const path = writeSession(dir, "/p", ID_A, ["q", "a"]);
    appendFileSync(path, '{"type":"message","ts":"x","turn":2,"message":{"role":"us');
    const s = loadTranscript(path);
    expect(s.skippedLines).toBe(1);
    expect(s.messages.map((m: any) => m.content[0].text)).toEqual(["q", "a"]);
    expect(s.model).toBe("claude-haiku-5-5");
  });

  test("appending after a torn line starts a fresh line, so only the torn record is lost", () => {
    const dir = state();
    const path = writeSession(dir, "/p", ID_A, ["q", "a"]);
    appendFileSync(path, '{"type":"message","ts":"x","tu');
    const w = openTranscript(path);
    w.append({ type: "resume", ts, model: "m" });
    w.append({ type: "message", ts, turn: 2, message: { role: "user", content: "again" } });
    w.close();
    const s = loadTranscript(path);
    expect(s.skippedLines).toBe(1);
    expect(s.records.map((r) => r.type)).toEqual(["session", "message", "message", "resume", "message"]);
    expect(s.messages).toHaveLength(3);
  });

  test("an unwritable state dir fails with one line naming the transcript", () => {
    expect(() => openTranscript("/proc/keel-cannot-write/x.jsonl")).toThrow("cannot write the session transcript /proc/keel-cannot-write/x.jsonl");
  });

  test("a file that is not a transcript fails with one line naming it, and is left alone", () => {
    const dir = state();
    const path = join(dir, "x.jsonl");
    appendFileSync(path, "not json\n");
    expect(() => loadTranscript(path)).toThrow(`${path} is not a keel session transcript`);
    expect(readFileSync(path, "utf8")).toBe("not json\n");
  });

  test("--continue finds the latest session of this project only", () => {
    const dir = state();
    const older = writeSession(dir, "/proj", ID_A, ["old"]);
    const newer = writeSession(dir, "/proj", ID_B, ["new"]);
    writeSession(dir, "/other", "33333333-3333-4333-8333-333333333333", ["elsewhere"]);
    utimesSync(older, new Date(1000), new Date(1000));
    expect(latestSession(dir, "/proj")).toBe(newer);
    expect(latestSession(dir, "/nothing-here")).toBeUndefined();
  });

  test("--resume finds a session by id in any project; bad ids get a clear error", () => {
    const dir = state();
    const path = writeSession(dir, "/elsewhere", ID_A, ["x"]);
    expect(findSession(dir, "/proj", ID_A)).toBe(path);
    expect(() => findSession(dir, "/proj", ID_B)).toThrow(`no session ${ID_B}`);
    expect(() => findSession(dir, "/proj", "../../etc/passwd")).toThrow("is not a session id");
  });

  test("project slugs are path-safe and distinct", () => {
    expect(projectSlug("/home/u/my proj")).toBe("-home-u-my-proj");
    const long = `/${"a".repeat(300)}`;
    expect(projectSlug(long).length).toBeLessThanOrEqual(120);
    expect(projectSlug(long)).not.toBe(projectSlug(`${long}b`));
  });
});
