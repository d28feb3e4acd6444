// One tool call from the model's intent to its tool_result block: look the tool up,
// parse the input with its schema, pass hooks and the permission gate, run it. Every
// failure on the way (unknown tool, bad JSON, schema mismatch, denial, a throw, an
// interrupt) becomes an is_error result the model can read; nothing here throws.
import type { ToolCall, ToolResultBlockParam } from "../model/index.ts";
import type { EngineEvent } from "./events.ts";
import type { HookRunner } from "./hooks.ts";
import type { AskHandler, PermissionGate } from "./permissions.ts";
import { type ModelContent, parseToolInput, type Tool, type ToolContext } from "./tool-contract.ts";

export interface RunEnv {
  tools: ReadonlyMap<string, Tool>;
  ctx: ToolContext;
  gate: PermissionGate;
  hooks: HookRunner;
  ask?: AskHandler;
  turn: number;
  emit(e: EngineEvent): void;
}

/** A call checked against its tool before scheduling (readOnly may depend on the input). */
export interface PreparedCall {
  call: ToolCall;
  tool?: Tool;
  input?: unknown;
  /** Set when the call cannot run; it still yields a result, in order. */
  early?: string;
  readOnly: boolean;
}

export function prepareCall(call: ToolCall, tools: ReadonlyMap<string, Tool>): PreparedCall {
  const tool = tools.get(call.name);
  if (!tool) {
    const names = [...tools.keys()].join(", ") || "none";
    return { call, early: `No tool named "${call.name}" is available. Available tools: ${names}.`, readOnly: true };
  }
  if (call.inputError) return { call, tool, early: `${call.name}: ${call.inputError}. Send the input as one JSON object.`, readOnly: true };
  const parsed = parseToolInput(tool, call.input);
  if (!parsed.ok) return { call, tool, early: `${parsed.message}\nFix the input and call ${tool.name} again.`, readOnly: true };
  let readOnly = false;
  try {
    readOnly = typeof tool.readOnly === "function" ? tool.readOnly(parsed.value) : tool.readOnly;
  } catch {
    readOnly = false; // when in doubt, the call runs alone
  }
  return { call, tool, input: parsed.value, readOnly };
}

export async function runPrepared(p: PreparedCall, env: RunEnv): Promise<ToolResultBlockParam> {
  const started = performance.now();
  const { call } = p;
  let content: ModelContent;
  let isError = false;
  let display: unknown;
  try {
    const out = await execute(p, env);
    content = out.forModel;
    isError = out.isError === true;
    display = out.forDisplay;
  } catch (e) {
    // A tool that throws is a bug in the tool, not the end of the session.
    content = env.ctx.signal.aborted
      ? `${call.name} was interrupted by the user.`
      : `${call.name} failed: ${e instanceof Error ? e.message : String(e)}`;
    isError = true;
  }
  if (env.ctx.signal.aborted && !isError) {
    // Keep what the tool did report (its work may be done); say that the user cut in.
    content = [...(typeof content === "string" ? [{ type: "text" as const, text: content }] : content), { type: "text", text: "[interrupted by the user]" }];
    isError = true;
  }
  env.emit({
    type: "tool_result",
    turn: env.turn,
    id: call.id,
    name: call.name,
    isError,
    content: text(content),
    ...(display === undefined ? {} : { display }),
    durationMs: Math.round(performance.now() - started),
  });
  return { type: "tool_result", tool_use_id: call.id, content: toApi(content), ...(isError ? { is_error: true } : {}) };
}

async function execute(p: PreparedCall, env: RunEnv): Promise<{ forModel: ModelContent; forDisplay?: unknown; isError?: boolean }> {
  const { call, tool } = p;
  if (p.early !== undefined || !tool) return { forModel: p.early ?? "unavailable", isError: true };
  if (env.ctx.signal.aborted) return { forModel: `${call.name} was not run: the user interrupted.`, isError: true };
  const base = { session_id: env.ctx.sessionId, cwd: env.ctx.cwd, tool_name: tool.name, tool_input: p.input, tool_use_id: call.id };

  const pre = await env.hooks.run("PreToolUse", { ...base, hook_event_name: "PreToolUse" });
  if (pre.block) return { forModel: `A PreToolUse hook blocked ${tool.name}: ${pre.block.reason}`, isError: true };
  let input = p.input;
  if (pre.updatedInput !== undefined) {
    // A rewrite passes the same schema as the model's own input.
    const parsed = parseToolInput(tool, pre.updatedInput);
    if (!parsed.ok) return { forModel: `A PreToolUse hook rewrote the input of ${tool.name} into something invalid: ${parsed.message}`, isError: true };
    input = parsed.value;
  }
  const args = { ...base, tool_input: input };

  const denied = pre.decision === "allow" ? undefined : await permission({ ...p, input }, env, pre.decision === "ask" ? (pre.decisionReason ?? "a PreToolUse hook asks first") : undefined);
  if (denied) {
    void env.hooks.run("PermissionDenied", { ...args, hook_event_name: "PermissionDenied", reason: denied }).catch(() => {});
    return { forModel: denied, isError: true };
  }

  env.emit({ type: "tool_start", turn: env.turn, id: call.id, name: tool.name });
  const out = await tool.run(input as never, env.ctx);

  if (out.isError) {
    const failure = await env.hooks.run("PostToolUseFailure", { ...args, hook_event_name: "PostToolUseFailure", error: text(out.forModel) });
    return failure.context ? { ...out, forModel: `${text(out.forModel)}\n\n${failure.context}` } : out;
  }
  const post = await env.hooks.run("PostToolUse", { ...args, hook_event_name: "PostToolUse", tool_response: out.forDisplay ?? out.forModel });
  let forModel = out.forModel;
  if (post.block) forModel = `${text(forModel)}\n\nA PostToolUse hook objected: ${post.block.reason}`;
  if (post.context) forModel = `${text(forModel)}\n\n${post.context}`;
  return forModel === out.forModel ? out : { ...out, forModel };
}

/** Returns the denial message, or undefined when the run may go ahead. */
async function permission(p: PreparedCall, env: RunEnv, forceAsk?: string): Promise<string | undefined> {
  const tool = p.tool as Tool;
  const checked = await env.gate.check(tool, p.input, { cwd: env.ctx.cwd });
  // A hook's "ask" turns an allow into a question; a deny stays a deny.
  const d = forceAsk !== undefined && checked.behavior === "allow" ? { behavior: "ask" as const, reason: forceAsk } : checked;
  if (d.behavior === "allow") return undefined;
  let decision: "allow" | "deny" = "deny";
  let reason = d.behavior === "deny" ? d.reason : (d.reason ?? `${tool.name} needs permission`);
  let feedback: string | undefined;
  if (d.behavior === "ask") {
    // A PermissionRequest hook may answer before anyone is asked.
    const hook = await env.hooks.run("PermissionRequest", {
      session_id: env.ctx.sessionId,
      cwd: env.ctx.cwd,
      hook_event_name: "PermissionRequest",
      tool_name: tool.name,
      tool_input: p.input,
      tool_use_id: p.call.id,
      reason,
    });
    if (hook.block) {
      reason = `a PermissionRequest hook denied it: ${hook.block.reason}`;
    } else if (hook.decision === "allow") {
      decision = "allow";
      reason = "a PermissionRequest hook allowed it";
    } else if (env.ask) {
      const answer = await env.ask({ tool: tool.name, input: p.input, reason });
      decision = typeof answer === "string" ? answer : answer.behavior;
      if (typeof answer !== "string" && answer.feedback?.trim()) feedback = answer.feedback.trim();
    } else reason = `${reason}, and no one is there to approve it (headless run)`;
  }
  env.emit({ type: "permission_request", turn: env.turn, id: p.call.id, name: tool.name, input: p.input, decision, reason });
  if (decision === "allow") return undefined;
  return `Permission to use ${tool.name} was denied: ${reason}.${feedback ? ` The person said: ${feedback}` : ""}`;
}

function toApi(content: ModelContent): ToolResultBlockParam["content"] {
  if (typeof content === "string") return content;
  return content.map((c) =>
    c.type === "text" ? c : { type: "image" as const, source: { ...c.source, media_type: c.source.media_type as "image/png" } },
  );
}

const text = (c: ModelContent) => (typeof c === "string" ? c : c.map((b) => (b.type === "text" ? b.text : "[image]")).join("\n"));
