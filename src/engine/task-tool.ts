// The Task tool: a sub-agent running the same loop with its own tools, history and
// turn budget, returning its final text to the parent. It lives in engine/ because it
// needs the loop (tools/ may not import upward). No nesting: a sub-agent has no Task.
// Its token usage and cost ride on the result's display data into the session totals.
import { z } from "zod";
import { emptyUsage, type MessageSource, type TokenUsage } from "../model/index.ts";
import { TOOL_EVENTS } from "../hooks/index.ts";
import type { HookRunner } from "./hooks.ts";
import { runAgent } from "./loop.ts";
import type { AskHandler, PermissionGate } from "./permissions.ts";
import type { Tool } from "./tool-contract.ts";

export const TASK_TOOL_NAME = "Task";

const TaskInput = z.object({
  description: z.string().min(1).describe("A short (3-5 word) description of the task"),
  prompt: z.string().min(1).describe("The task for the agent to perform, with all the context it needs"),
  subagent_type: z.string().optional().describe("The kind of agent to launch (see the list in the tool description); omit for a general-purpose agent"),
});

/** A named kind of sub-agent (a plugin's agents/*.md): its own instructions and, optionally, fewer tools. */
export interface SubagentType {
  name: string;
  description: string;
  /** Added to the sub-agent's system prompt. */
  prompt: string;
  /** Tool names it may use; absent: all of the sub-agent's tools. */
  tools?: readonly string[];
  model?: string;
}

export interface TaskToolDeps {
  source: MessageSource;
  model: string;
  /** The sub-agent's tools (Task itself is removed). */
  tools: readonly Tool[];
  maxTurns?: number;
  gate?: PermissionGate;
  hooks?: HookRunner;
  ask?: AskHandler;
  baseURL?: string;
  /** Named agent kinds the model may pick with subagent_type. */
  agents?: readonly SubagentType[];
}

export const DEFAULT_SUBAGENT_TURNS = 30;

export function createTaskTool(deps: TaskToolDeps): Tool<typeof TaskInput> {
  const tools = deps.tools.filter((t) => t.name !== TASK_TOOL_NAME);
  // Several sub-agents may run side by side when none of them can change anything.
  const readOnly = tools.every((t) => t.readOnly === true);
  const agents = deps.agents ?? [];
  const kinds = agents.length ? `\n\nAgent kinds (subagent_type):\n${agents.map((a) => `- ${a.name}: ${a.description || "no description"}`).join("\n")}` : "";
  return {
    name: TASK_TOOL_NAME,
    description:
      "Launch a sub-agent with its own context to carry out a multi-step task (searching, reading, analysing) and report back. " +
      `Give it a complete, self-contained prompt; it cannot see this conversation. Its final message is returned to you.${kinds}`,
    input: TaskInput,
    readOnly,
    async run(input, ctx) {
      const kind = input.subagent_type === undefined ? undefined : agents.find((a) => a.name === input.subagent_type);
      if (input.subagent_type !== undefined && !kind) {
        return { forModel: `Unknown subagent_type "${input.subagent_type}"; known: ${agents.map((a) => a.name).join(", ") || "none (omit subagent_type)"}.`, isError: true };
      }
      const allowed = kind?.tools ? new Set(kind.tools) : undefined;
      const subTools = allowed ? tools.filter((t) => allowed.has(t.name)) : tools;
      const subId = `${ctx.sessionId}/task-${crypto.randomUUID().slice(0, 8)}`;
      const hooks = deps.hooks;
      // The sub-agent's tool calls pass the same tool hooks (PreToolUse guards hold there
      // too); session-level events belong to the session, so they are not repeated.
      const toolHooks: HookRunner | undefined = hooks && { run: (event, payload) => (TOOL_EVENTS.has(event) ? hooks.run(event, payload) : Promise.resolve({})) };
      await hooks?.run("SubagentStart", { session_id: ctx.sessionId, cwd: ctx.cwd, hook_event_name: "SubagentStart", agent_id: subId, prompt: input.prompt }).catch(() => ({}));
      let result = "";
      let failure: string | undefined;
      let turns = 0;
      let spend: { usage: TokenUsage; costUsd: number } = { usage: emptyUsage(), costUsd: 0 };
      for await (const ev of runAgent({
        source: deps.source,
        model: kind?.model ?? deps.model,
        tools: subTools,
        ...(kind ? { settings: { appendSystemPrompt: kind.prompt } } : {}),
        cwd: ctx.cwd,
        sessionId: subId,
        prompt: input.prompt,
        maxTurns: deps.maxTurns ?? DEFAULT_SUBAGENT_TURNS,
        signal: ctx.signal,
        files: ctx.files,
        ...(ctx.wrapCommand ? { wrapCommand: ctx.wrapCommand } : {}),
        ...(deps.gate ? { gate: deps.gate } : {}),
        ...(toolHooks ? { hooks: toolHooks } : {}),
        ...(deps.ask ? { ask: deps.ask } : {}),
        ...(deps.baseURL ? { baseURL: deps.baseURL } : {}),
      })) {
        if (ev.type === "session_end") {
          result = ev.result;
          turns = ev.numTurns;
          spend = { usage: ev.usage, costUsd: ev.costUsd };
          if (ev.stop !== "success") failure = ev.error ?? ev.stop;
        }
      }
      await hooks?.run("SubagentStop", { session_id: ctx.sessionId, cwd: ctx.cwd, hook_event_name: "SubagentStop", agent_id: subId, result, ...(failure ? { error: failure } : {}) }).catch(() => ({}));
      if (failure) {
        const partial = result ? `\nIts last message:\n${result}` : "";
        return { forModel: `The sub-agent stopped early (${failure}).${partial}`, forDisplay: { turns, failure, ...spend }, isError: !result };
      }
      return { forModel: result || "(the sub-agent finished without a final message)", forDisplay: { turns, ...spend } };
    },
  };
}
