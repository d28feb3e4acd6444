// Where the companion draws: to the right of the prompt and the status line, in a column of
// its own. It never covers the input, and a reaction appearing or the status line growing
// moves neither the prompt nor the sprite (rendered with Ink's renderToString at 80 and 120
// columns).
import { describe, expect, test } from "bun:test";
import { renderToString } from "ink";
import React from "react";
import { App } from "../../src/ui/app.tsx";
import { FrameStore, initialState, type UiState } from "../../src/ui/index.ts";

const SPRITE = ["    .--.    ", " .-.|oo|.-. ", " '-'|  |'-' ", "    |__|    "];

function screen(columns: number, over: Partial<UiState> = {}): string[] {
  const state: UiState = { ...initialState("claude-sonnet-5-5"), ...over };
  state.status = { ...state.status, inputTokens: 6500, outputTokens: 266, cacheReadTokens: 12500, contextTokens: 6000, costUsd: 0.032 };
  const store = new FrameStore(state);
  const noop = () => undefined;
  const el = React.createElement(App, { store, commands: [], onSubmit: noop, onInterrupt: noop, onExit: noop, onAnswer: noop, onFeedbackStage: noop });
  return renderToString(el, { columns }).split("\n");
}

const row = (lines: string[], needle: string) => lines.findIndex((l) => l.includes(needle));
const col = (lines: string[], needle: string) => lines[row(lines, needle)]?.indexOf(needle) ?? -1;

describe.each([80, 120])("the companion at %i columns", (columns) => {
  const quiet = screen(columns, { widgets: { companion: SPRITE, status: "" } });
  const said = screen(columns, { widgets: { companion: [...SPRITE, "“Tsk. Fine. It works.”"], status: "" } });
  const busy = screen(columns, { busy: true, widgets: { companion: [...SPRITE, "“Tsk. Fine. It works.”"], status: "" } });

  test("sits beside the prompt, right of it, and the prompt box never reaches under it", () => {
    const top = row(quiet, "╭");
    expect(row(quiet, ".--.")).toBe(top);
    expect(col(quiet, ".--.")).toBeGreaterThan(quiet[top]!.lastIndexOf("╮"));
    for (const l of quiet) expect([...l].length).toBeLessThanOrEqual(columns);
  });

  test("the status line is not wrapped by the companion while idle", () => {
    expect(quiet.find((l) => l.includes("claude-sonnet-5-5"))).toContain("$0.0320");
  });

  test("a reaction is shown in full and moves nothing: same height, same prompt, same sprite column", () => {
    expect(said.join("\n")).toContain("“Tsk. Fine. It works.”");
    for (const s of [said, busy]) {
      expect(row(s, "╭")).toBe(row(quiet, "╭"));
      expect(s[row(s, "╭")]).toBe(quiet[row(quiet, "╭")]);
      expect(col(s, ".--.")).toBe(col(quiet, ".--."));
    }
    expect(said.length).toBe(quiet.length);
  });
});

test("without a companion the prompt spans the whole width", () => {
  const lines = screen(80);
  expect([...(lines[row(lines, "╭")] ?? "")].length).toBe(80);
});
