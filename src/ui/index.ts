// The terminal UI's face. `startUi` mounts the Ink app and hands back what a controller
// needs: feed engine events, add lines, ask a permission question, learn about focus.
// The UI renders; it never drives the loop.
import { render } from "ink";
import React from "react";
import type { EngineEvent } from "../engine/index.ts";
import { App, type PermissionAnswer, type SlashCommand } from "./app.tsx";
import { FOCUS_OFF, FOCUS_ON, focusIn } from "./focus.ts";
import { FrameStore } from "./frame-store.ts";
import { applyEvent, entry, initialState, type PermissionQuestion, type UiState } from "./state.ts";

export type { PermissionAnswer, SlashCommand } from "./app.tsx";
export { edit, emptyEditor, type EditorState } from "./editor.ts";
export { focusIn, isFocusInput } from "./focus.ts";
export { FrameStore } from "./frame-store.ts";
export { applyEvent, initialState, splitStreaming, summarize, type UiState } from "./state.ts";

export interface UiOptions {
  model: string;
  commands: readonly SlashCommand[];
  onSubmit(text: string): void;
  onInterrupt(): void;
  onExit(): void;
  onFocus?(focused: boolean): void;
  stdin?: NodeJS.ReadStream;
  stdout?: NodeJS.WriteStream;
}

export interface UiHandle {
  store: FrameStore<UiState>;
  dispatch(ev: EngineEvent): void;
  say(kind: "user" | "info" | "error", text: string): void;
  ask(q: Omit<PermissionQuestion, "stage">): Promise<PermissionAnswer>;
  /** Plugin widget lines (companion slot, status line); drawn on the next frame. */
  setWidgets(w: { companion: string[]; status: string }): void;
  exited: Promise<void>;
  close(): void;
}

export function startUi(o: UiOptions): UiHandle {
  // 30 fps: smooth for reading a stream, and half the layout work of 60 (bench/ui.bench.ts).
  const store = new FrameStore(initialState(o.model), 33);
  const stdin = o.stdin ?? process.stdin;
  const stdout = o.stdout ?? process.stdout;
  let pending: ((a: PermissionAnswer) => void) | undefined;

  const onData = (chunk: Buffer | string) => {
    const f = focusIn(chunk.toString());
    if (f === undefined) return;
    store.update((s) => ({ ...s, focused: f }));
    o.onFocus?.(f);
  };
  stdin.on("data", onData);
  if (stdout.isTTY) stdout.write(FOCUS_ON);

  const app = render(
    React.createElement(App, {
      store,
      commands: o.commands,
      onSubmit: o.onSubmit,
      onInterrupt: o.onInterrupt,
      onExit: o.onExit,
      onAnswer: (a: PermissionAnswer) => {
        store.update((s) => ({ ...s, permission: undefined }));
        store.flush();
        const resolve = pending;
        pending = undefined;
        resolve?.(a);
      },
      onFeedbackStage: () => {
        store.update((s) => (s.permission ? { ...s, permission: { ...s.permission, stage: "feedback" } } : s));
        store.flush();
      },
    }),
    // The REPL runs only at a terminal: interactive even when a CI variable is set (Ink
    // would otherwise print nothing until exit).
    { stdin, stdout, exitOnCtrlC: false, patchConsole: false, interactive: Boolean(stdout.isTTY) },
  );
  // Take the promise first: after unmount, waiting on it can hang (FACTS.md).
  const exited = app.waitUntilExit().then(() => undefined);

  return {
    store,
    // A new event replaces the last notice; a retry event sets its own.
    dispatch: (ev) => store.update((s) => applyEvent({ ...s, notice: undefined }, ev)),
    say: (kind, text) => store.update((s) => ({ ...s, entries: [...s.entries, entry({ kind, text })] })),
    setWidgets: (widgets) => store.update((s) => ({ ...s, widgets })),
    ask(q) {
      return new Promise((resolve) => {
        pending = resolve;
        store.update((s) => ({ ...s, permission: { ...q, stage: "choose" } }));
        store.flush();
      });
    },
    exited,
    close() {
      store.flush();
      stdin.off("data", onData);
      if (stdout.isTTY) stdout.write(FOCUS_OFF);
      app.unmount();
    },
  };
}
