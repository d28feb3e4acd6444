// Shared inputs for the prompt tests: a pinned DynamicContext (so renders are exact) and a
// simulated conversation that grows like an agent's: text, tool calls, tool results.
import type { MessageParam } from "@anthropic-ai/sdk/resources/messages";
import type { ApiTool, DynamicContext } from "../../src/prompt/index.ts";

export function pinnedContext(over: Partial<DynamicContext> = {}): DynamicContext {
  return {
    productName: "keel",
    toolNames: ["Bash", "Edit", "Glob", "Grep", "Read", "TodoWrite", "Write"],
    cwd: "/home/dev/project/pkg",
    projectRoot: "/home/dev/project",
    platform: "linux",
    osRelease: "6.1.0",
    shell: "bash",
    date: "2026-01-15",
    git: {
      branch: "feature/x",
      mainBranch: "main",
      changes: [" M src/app.ts", "?? notes.md"],
      changeCount: 2,
      recentCommits: ["abc1234 Add parser", "def5678 Initial commit"],
    },
    memory: [
      { path: "/home/dev/.config/keel/AGENTS.md", scope: "user", content: "Prefer British spelling.", truncated: false },
      { path: "/home/dev/project/CLAUDE.md", scope: "project", content: "Run `make check` before finishing.", truncated: false },
    ],
    ...over,
  };
}

export function tool(name: string, description = `The ${name} tool.`): ApiTool {
  return { name, description, input_schema: { type: "object", properties: { arg: { type: "string" } }, required: ["arg"] } };
}

/** One agent turn: the model answers with text and tool calls (optionally thinking first), results come back. */
export function turn(i: number, opts: { thinking?: boolean; calls?: number } = {}): MessageParam[] {
  const calls = opts.calls ?? 2;
  const ids = Array.from({ length: calls }, (_, k) => `toolu_${i}_${k}`);
  return [
    {
      role: "assistant",
      content: [
        ...(opts.thinking ? [{ type: "thinking" as const, thinking: `thinking ${i}`, signature: "sig" }] : []),
        { type: "text" as const, text: `Turn ${i}: looking at the code.` },
        ...ids.map((id) => ({ type: "tool_use" as const, id, name: "read", input: { arg: `file${i}.ts` } })),
      ],
    },
    {
      role: "user",
      content: ids.map((id) => ({ type: "tool_result" as const, tool_use_id: id, content: `contents of ${id}\n`.repeat(20) })),
    },
  ];
}
