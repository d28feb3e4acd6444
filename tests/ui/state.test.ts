// The UI's pure parts: engine events → screen state, the line editor, frame batching,
// focus reports.
import { describe, expect, test } from "bun:test";
import type { EngineEvent } from "../../src/engine/index.ts";
import { applyEvent, edit, emptyEditor, focusIn, FrameStore, initialState, isFocusInput, splitStreaming, type UiState } from "../../src/ui/index.ts";

const run = (events: EngineEvent[]) => events.reduce<UiState>(applyEvent, initialState("m"));
const usage = { input_tokens: 10, output_tokens: 5, cache_creation_input_tokens: 100, cache_read_input_tokens: 1000 };

describe("applyEvent", () => {
  test("deltas stream into the live region; the finished block moves to the static log once", () => {
    const mid = run([{ type: "turn_start", turn: 1 }, { type: "text_delta", turn: 1, text: "Hel" }, { type: "text_delta", turn: 1, text: "lo" }]);
    expect(mid).toMatchObject({ busy: true, streaming: "Hello", entries: [] });
    const done = applyEvent(mid, { type: "text", turn: 1, text: "Hello" });
    expect(done.streaming).toBe("");
    expect(done.entries).toEqual([expect.objectContaining({ kind: "assistant", text: "Hello" })]);
  });

  test("complete lines leave the live region as they finish; the block's end closes it without repeating", () => {
    let s = run([{ type: "text_delta", turn: 1, text: "line one\nline t" }]);
    expect(s.streaming).toBe("line t");
    expect(s.entries.map((e) => (e.kind === "tool" ? "" : e.text))).toEqual(["line one"]);
    s = applyEvent(s, { type: "text_delta", turn: 1, text: "wo" });
    s = applyEvent(s, { type: "text", turn: 1, text: "line one\nline two" });
    expect(s.entries.map((e) => (e.kind === "tool" ? "" : e.text))).toEqual(["line one", "line two"]);
    expect(s.streaming).toBe("");
  });

  test.each([
    ["no newline yet", "abc", "", "abc"],
    ["complete lines commit", "a\nb\nc", "a\nb", "c"],
    ["an open fence is closed and reopened", "```ts\nconst x = 1;\nconst", "```ts\nconst x = 1;\n```", "```\nconst"],
    ["a closed fence stays as it is", "```\nx\n```\nafter", "```\nx\n```", "after"],
  ])("splitStreaming: %s", (_n, text, commit, rest) => expect(splitStreaming(text)).toEqual({ commit, rest }));

  test("a tool row goes waiting → running → finished (into the log, with its diff)", () => {
    let s = run([{ type: "tool_use", turn: 1, id: "t1", name: "Edit", input: { file_path: "/p/a.ts" } }]);
    expect(s.tools).toEqual([expect.objectContaining({ name: "Edit", summary: "/p/a.ts", state: "waiting" })]);
    s = applyEvent(s, { type: "tool_start", turn: 1, id: "t1", name: "Edit" });
    expect(s.tools[0]!.state).toBe("running");
    const hunks = [{ oldStart: 1, oldLines: 1, newStart: 1, newLines: 1, lines: ["-a", "+b"] }];
    s = applyEvent(s, { type: "tool_result", turn: 1, id: "t1", name: "Edit", isError: false, content: "updated", display: { type: "update", filePath: "/p/a.ts", hunks }, durationMs: 1 });
    expect(s.tools).toEqual([]);
    expect(s.entries).toEqual([expect.objectContaining({ kind: "tool", tool: expect.objectContaining({ state: "done", diff: { filePath: "/p/a.ts", hunks } }) })]);
  });

  test("usage accumulates; context is the last request's prompt; cost lands at session end; an interrupt is an info line", () => {
    const s = run([
      { type: "turn_end", turn: 1, stopReason: "end_turn", usage, model: "claude-x" },
      { type: "turn_end", turn: 2, stopReason: "end_turn", usage, model: "claude-x" },
      { type: "error", turn: 2, kind: "aborted", message: "aborted" },
      { type: "session_end", sessionId: "s", stop: "interrupted", result: "", numTurns: 2, durationMs: 1, usage, costUsd: 0.5 },
    ]);
    expect(s.status).toEqual({ model: "claude-x", inputTokens: 220, outputTokens: 10, cacheReadTokens: 2000, contextTokens: 1110, costUsd: 0.5 });
    expect(s.busy).toBe(false);
    expect(s.entries.at(-1)).toMatchObject({ kind: "info", text: "interrupted" });
  });
});

test("compaction shows a notice while it runs and a line when done", () => {
  const s = run([{ type: "compaction_start", turn: 1, before: 9000, trigger: "auto" }]);
  expect(s.notice).toBe("compacting the conversation (auto)…");
  const done = applyEvent(s, { type: "compaction", turn: 1, before: 9000, after: 800, trigger: "auto" });
  expect(done.entries.at(-1)).toMatchObject({ kind: "info", text: "context compacted (auto): about 9000 → 800 tokens" });
});

describe("editor", () => {
  const type = (text: string, s = emptyEditor()) => edit(s, text, {}).state;
  test.each([
    ["Enter sends and records history", "ls", "", { return: true }, { submit: "ls", text: "" }],
    ["a trailing backslash makes a new line", "a\\", "", { return: true }, { text: "a\n" }],
    ["Alt+Enter makes a new line", "a", "", { return: true, meta: true }, { text: "a\n" }],
    ["blank lines are not sent", "   ", "", { return: true }, { text: "   " }],
    ["backspace deletes before the cursor", "abc", "", { backspace: true }, { text: "ab" }],
    ["ctrl-u clears to the start", "abc", "u", { ctrl: true }, { text: "" }],
    ["ctrl-a then typing inserts at the start", "bc", "a", { ctrl: true }, { text: "bc" }],
  ] as const)("%s", (...row) => {
    const [, text, input, key, want] = row as unknown as [string, string, string, Record<string, boolean>, { submit?: string; text: string }];
    const r = edit(type(text), input, key);
    if (want.submit !== undefined) expect(r.submit).toBe(want.submit);
    expect(r.state.text).toBe(want.text);
  });

  test("text and Enter in one chunk: the text, then the key", () => {
    expect(edit(emptyEditor(), "git status\r", {})).toMatchObject({ submit: "git status" });
    expect(edit(emptyEditor(), "line one\nline two", {}).state.text).toBe("line one\nline two");
  });

  test("↑/↓ walk the history and come back to an empty line", () => {
    let s = emptyEditor(["first", "second"]);
    s = edit(s, "", { upArrow: true }).state;
    expect(s.text).toBe("second");
    s = edit(s, "", { upArrow: true }).state;
    expect(s.text).toBe("first");
    s = edit(edit(s, "", { downArrow: true }).state, "", { downArrow: true }).state;
    expect(s.text).toBe("");
  });
});

describe("frame batching and focus", () => {
  test("ten thousand updates reach React as one frame", async () => {
    const store = new FrameStore(0, 5);
    let seen = 0;
    store.subscribe(() => seen++);
    for (let i = 0; i < 10_000; i++) store.update((n) => n + 1);
    expect(seen).toBe(0);
    await Bun.sleep(20);
    expect(seen).toBe(1);
    expect(store.getSnapshot()).toBe(10_000);
  });

  test("focus in/out sequences, the last one wins", () => {
    expect(focusIn("\x1b[O")).toBe(false);
    expect(focusIn("x\x1b[Oyy\x1b[I")).toBe(true);
    expect(focusIn("plain")).toBeUndefined();
    expect(isFocusInput("[I")).toBe(true);
  });
});
