// The REPL screen: the static log, the live region (streaming reply, running tools), and
// at the bottom either the prompt or a permission question, then the status line.
// Keys: Enter sends, `\`+Enter or Alt+Enter adds a line, ↑/↓ history, Tab completes a
// slash command, Esc interrupts, Ctrl-C twice quits.
import { Box, Static, Text, useApp, useInput } from "ink";
import React, { useRef, useState, useSyncExternalStore } from "react";
import { CompanionSays, CompanionSlot, EntryView, PermissionDialog, PromptLine, splitCompanion, StatusLine, ToolLine } from "./components.tsx";
import { edit, emptyEditor, type EditorState } from "./editor.ts";
import { isFocusInput } from "./focus.ts";
import type { FrameStore } from "./frame-store.ts";
import { Markdown } from "./markdown.tsx";
import type { UiState } from "./state.ts";
import { hue } from "./color.ts";

export interface SlashCommand {
  name: string;
  description: string;
}

export type PermissionAnswer = { behavior: "allow"; always: boolean } | { behavior: "deny"; feedback?: string };

export interface AppProps {
  store: FrameStore<UiState>;
  commands: readonly SlashCommand[];
  onSubmit(text: string): void;
  onInterrupt(): void;
  onExit(): void;
  onAnswer(a: PermissionAnswer): void;
  onFeedbackStage(): void;
}

const QUIT_WINDOW_MS = 2000;

export function App(p: AppProps): React.ReactElement {
  const s = useSyncExternalStore(p.store.subscribe, p.store.getSnapshot);
  const [editor, setEditor] = useState<EditorState>(emptyEditor());
  const [feedback, setFeedback] = useState("");
  // A ref, not state: the second Ctrl-C can arrive before React re-renders with the first.
  const ctrlCAt = useRef(0);
  const { exit } = useApp();

  const companion = splitCompanion(s.widgets?.companion);
  const slash = editor.text.startsWith("/") && !editor.text.includes(" ") ? p.commands.filter((c) => `/${c.name}`.startsWith(editor.text)) : [];

  useInput((input, key) => {
    if (isFocusInput(input)) return;
    if (key.ctrl && input === "c") {
      if (Date.now() - ctrlCAt.current < QUIT_WINDOW_MS) {
        p.onExit();
        exit();
        return;
      }
      ctrlCAt.current = Date.now();
      if (s.busy) p.onInterrupt();
      p.store.update((st) => ({ ...st, notice: "press Ctrl-C again to quit" }));
      return;
    }
    if (s.permission) {
      if (s.permission.stage === "choose") {
        if (input === "y") p.onAnswer({ behavior: "allow", always: false });
        else if (input === "a") p.onAnswer({ behavior: "allow", always: true });
        else if (input === "n" || key.escape) p.onFeedbackStage();
        return;
      }
      if (key.return) {
        p.onAnswer({ behavior: "deny", ...(feedback.trim() ? { feedback: feedback.trim() } : {}) });
        setFeedback("");
      } else if (key.backspace || key.delete) setFeedback((f) => f.slice(0, -1));
      else if (!key.ctrl && !key.meta && input) setFeedback((f) => f + input);
      return;
    }
    if (key.escape) {
      if (s.busy) p.onInterrupt();
      else setEditor(emptyEditor(editor.history));
      return;
    }
    if (key.tab && slash[0]) {
      const text = `/${slash[0].name} `;
      setEditor({ ...editor, text, cursor: text.length });
      return;
    }
    const r = edit(editor, input, key);
    setEditor(r.state);
    if (r.submit !== undefined) p.onSubmit(r.submit);
  });

  return (
    <Box flexDirection="column">
      <Static items={s.entries}>{(e) => <EntryView key={e.id} entry={e} />}</Static>
      {s.streaming ? <Markdown text={s.streaming} /> : null}
      {s.tools.map((t) => (
        <ToolLine key={t.id} tool={t} />
      ))}
      {/* The companion has a column of its own right of the prompt; its reaction takes a line
          kept under the status line, so neither appearing nor animating moves the input. */}
      <Box>
        <Box flexDirection="column" flexGrow={1} flexShrink={1}>
          {s.permission ? <PermissionDialog q={s.permission} feedback={feedback} /> : <PromptLine text={editor.text} cursor={editor.cursor} busy={s.busy} />}
          {slash.length ? (
            <Box flexDirection="column" marginLeft={2}>
              {slash.map((c) => (
                <Text key={c.name}>
                  <Text color={hue("cyan")}>{`/${c.name}`}</Text> <Text dimColor>{c.description}</Text>
                </Text>
              ))}
            </Box>
          ) : null}
          <StatusLine status={s.status} busy={s.busy} focused={s.focused} {...(s.widgets?.status ? { extra: s.widgets.status } : {})} />
          {companion.sprite.length ? <CompanionSays text={companion.said} /> : null}
        </Box>
        <CompanionSlot lines={companion.sprite} />
      </Box>
      {s.notice ? <Text color={hue("yellow")}>{s.notice}</Text> : null}
    </Box>
  );
}
