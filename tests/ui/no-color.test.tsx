// NO_COLOR in the terminal UI: Ink's chalk does not read it, so the UI drops its colours
// itself; the cursor (inverse) and dim text are not colours and stay. Colour is forced on
// here (chalk.level) so that the difference shows in renderToString's output.
import { afterEach, expect, test } from "bun:test";
import chalk from "chalk";
import { renderToString } from "ink";
import React from "react";
import { App } from "../../src/ui/app.tsx";
import { FrameStore, initialState, type UiState } from "../../src/ui/index.ts";

const saved = { level: chalk.level, noColor: process.env.NO_COLOR };
afterEach(() => {
  chalk.level = saved.level;
  if (saved.noColor === undefined) delete process.env.NO_COLOR;
  else process.env.NO_COLOR = saved.noColor;
});

function screen(): string {
  const s: UiState = { ...initialState("m"), tools: [{ id: "t", name: "Read", summary: "/x", state: "error", result: "File does not exist" }] };
  const noop = () => undefined;
  return renderToString(React.createElement(App, { store: new FrameStore(s), commands: [], onSubmit: noop, onInterrupt: noop, onExit: noop, onAnswer: noop, onFeedbackStage: noop }), { columns: 80 });
}

const COLOUR = /\x1b\[(3[0-7]|9[0-7])m/;

test("colours by default, none under NO_COLOR; the cursor stays", () => {
  chalk.level = 1;
  delete process.env.NO_COLOR;
  expect(screen()).toMatch(COLOUR);
  process.env.NO_COLOR = "1";
  const plain = screen();
  expect(plain).not.toMatch(COLOUR);
  expect(plain).toContain("\x1b[7m"); // the inverse cursor in the prompt
  expect(plain).toContain("File does not exist");
});
