// The pieces of the screen. Entries render once (in <Static>); rows, the dialog, the
// status line and the companion slot live in the small region that re-renders.
import { Box, Text } from "ink";
import React from "react";
import { Markdown } from "./markdown.tsx";
import { DEFAULT_CONTEXT_WINDOW } from "../model/index.ts";
import { type Entry, type PermissionQuestion, type Status, type ToolRow } from "./state.ts";
import { hue } from "./color.ts";

const MARK: Record<ToolRow["state"], string> = { waiting: "○", running: "◐", done: "●", error: "✗" };
const COLOUR: Record<ToolRow["state"], string> = { waiting: "gray", running: "yellow", done: "green", error: "red" };

export function ToolLine({ tool }: { tool: ToolRow }): React.ReactElement {
  return (
    <Box flexDirection="column">
      <Text>
        <Text color={hue(COLOUR[tool.state])}>{MARK[tool.state]} </Text>
        <Text bold>{tool.name}</Text> <Text dimColor>{tool.summary}</Text>
      </Text>
      {tool.state === "error" && tool.result ? <Text color={hue("red")}>{`  ${tool.result}`}</Text> : null}
      {tool.diff ? <Diff filePath={tool.diff.filePath} hunks={tool.diff.hunks} /> : null}
    </Box>
  );
}

export function Diff({ filePath, hunks }: { filePath: string; hunks: NonNullable<ToolRow["diff"]>["hunks"] }): React.ReactElement {
  const lines = hunks.flatMap((h) => [`@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`, ...h.lines]).slice(0, 40);
  return (
    <Box flexDirection="column" marginLeft={2}>
      <Text dimColor>{filePath}</Text>
      {lines.map((l, i) => (
        <Text key={i} color={hue(l.startsWith("+") ? "green" : l.startsWith("-") ? "red" : l.startsWith("@@") ? "cyan" : undefined)}>
          {l}
        </Text>
      ))}
    </Box>
  );
}

export function EntryView({ entry }: { entry: Entry }): React.ReactElement {
  if (entry.kind === "tool") return <ToolLine tool={entry.tool} />;
  if (entry.kind === "user") return <Text color={hue("blue")}>{`› ${entry.text}`}</Text>;
  if (entry.kind === "error") return <Text color={hue("red")}>{`error: ${entry.text}`}</Text>;
  if (entry.kind === "info") return <Text dimColor>{entry.text}</Text>;
  return (
    <Box flexDirection="column" marginBottom={entry.partial ? 0 : 1}>
      <Markdown text={entry.text} />
    </Box>
  );
}

export function PermissionDialog({ q, feedback }: { q: PermissionQuestion; feedback: string }): React.ReactElement {
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={hue("yellow")} paddingX={1}>
      <Text bold>{`keel wants to use ${q.tool}`}</Text>
      <Text>{q.summary}</Text>
      {q.reason ? <Text dimColor>{`why it asks: ${q.reason}`}</Text> : null}
      {q.stage === "choose" ? (
        <Text>{`y yes, this once   a always allow ${q.rule} here   n no`}</Text>
      ) : (
        <Text>{`what should keel do instead? ${feedback}█`}</Text>
      )}
    </Box>
  );
}

const short = (n: number) => (n >= 1000 ? `${(n / 1000).toFixed(1)}k` : String(n));

export function StatusLine({ status, busy, focused, extra }: { status: Status; busy: boolean; focused: boolean; extra?: string }): React.ReactElement {
  const pct = Math.round((status.contextTokens / DEFAULT_CONTEXT_WINDOW) * 100);
  return (
    <Text dimColor>
      {`${status.model} · context ${pct}% · ↑${short(status.inputTokens)} ↓${short(status.outputTokens)} (cache ${short(status.cacheReadTokens)}) · $${status.costUsd.toFixed(4)}${busy ? " · working (Esc interrupts)" : ""}${focused ? "" : " · away"}${extra ? ` · ${extra}` : ""}`}
    </Text>
  );
}

/**
 * The companion slot's lines are a sprite frame then, while it speaks, one quoted reaction
 * (src/plugins WidgetClient); the UI draws the two in different places.
 */
export function splitCompanion(lines: readonly string[] = []): { sprite: readonly string[]; said?: string } {
  const last = lines.at(-1);
  if (last !== undefined && last.startsWith("“") && last.endsWith("”")) return { sprite: lines.slice(0, -1), said: last };
  return { sprite: lines };
}

/** Where a companion plugin draws its current frame; nothing until one is installed and its flag is on. */
export function CompanionSlot({ lines }: { lines: readonly string[] }): React.ReactElement | null {
  if (!lines.length) return null;
  return (
    <Box marginLeft={1} flexDirection="column" flexShrink={0}>
      {lines.map((l, i) => (
        <Text key={i}>{l}</Text>
      ))}
    </Box>
  );
}

/** The companion's reaction, right-aligned next to it; the line stays (blank) while it is quiet. */
export function CompanionSays({ text }: { text: string | undefined }): React.ReactElement {
  return (
    <Box justifyContent="flex-end">
      <Text wrap="truncate-end">{text ?? " "}</Text>
    </Box>
  );
}

export function PromptLine({ text, cursor, busy }: { text: string; cursor: number; busy: boolean }): React.ReactElement {
  const before = text.slice(0, cursor);
  const under = text[cursor] ?? " ";
  const after = text.slice(cursor + 1);
  return (
    <Box borderStyle="round" borderColor={hue(busy ? "gray" : "blue")} paddingX={1}>
      <Text>
        {"› "}
        {before}
        <Text inverse>{under === "\n" ? " " : under}</Text>
        {under === "\n" ? "\n" : ""}
        {after}
      </Text>
    </Box>
  );
}
