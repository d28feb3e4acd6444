// What a hook's exit code and output mean, as Claude Code defines them: exit 0 with JSON
// (continue, stopReason, systemMessage, decision, reason, hookSpecificOutput), exit 2
// blocks and feeds stderr back, any other exit is an error shown to the person only.
import type { HookEvent, HookOutcome } from "./events.ts";

export interface RawResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** Set when the hook could not run or ran out of time. */
  failure?: string;
}

export interface Interpreted extends HookOutcome {
  /** A line for the person (systemMessage, or a non-blocking error). */
  notice?: string;
}

const PLAIN_CONTEXT: ReadonlySet<HookEvent> = new Set(["UserPromptSubmit", "SessionStart"]);

export function interpret(event: HookEvent, r: RawResult, label: string): Interpreted {
  if (r.failure) return { notice: `hook ${label}: ${r.failure}` };
  if (r.exitCode === 2) return { block: { reason: r.stderr.trim() || `blocked by hook ${label}` } };
  if (r.exitCode !== 0) return { notice: `hook ${label} failed (exit ${r.exitCode}): ${r.stderr.trim() || "no output"}` };
  const out = r.stdout.trim();
  if (!out.startsWith("{")) return out && PLAIN_CONTEXT.has(event) ? { context: out } : {};
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(out) as Record<string, unknown>;
  } catch {
    return { notice: `hook ${label} printed malformed JSON; its output is ignored` };
  }
  return fromJson(json);
}

export function fromJson(json: Record<string, unknown>): Interpreted {
  const o: Interpreted = {};
  const str = (v: unknown) => (typeof v === "string" && v.trim() ? v : undefined);
  const specific = (json.hookSpecificOutput ?? {}) as Record<string, unknown>;
  if (json.continue === false) o.stop = { reason: str(json.stopReason) ?? "a hook stopped the session" };
  if (str(json.systemMessage)) o.notice = json.systemMessage as string;
  if (json.decision === "block") o.block = { reason: str(json.reason) ?? "blocked by a hook" };
  if (json.decision === "approve") o.decision = "allow";
  const pd = specific.permissionDecision;
  if (pd === "deny") o.block = { reason: str(specific.permissionDecisionReason) ?? str(json.reason) ?? "denied by a hook" };
  if (pd === "allow" || pd === "ask") {
    o.decision = pd;
    if (str(specific.permissionDecisionReason)) o.decisionReason = specific.permissionDecisionReason as string;
  }
  if (specific.updatedInput !== undefined) o.updatedInput = specific.updatedInput;
  if (str(specific.additionalContext)) o.context = specific.additionalContext as string;
  return o;
}

/** Several hooks of one event: any block wins, ask beats allow, contexts add up. */
export function combine(results: readonly Interpreted[]): HookOutcome {
  const out: HookOutcome = {};
  const blocks = results.flatMap((r) => (r.block ? [r.block.reason] : []));
  if (blocks.length) out.block = { reason: blocks.join("; ") };
  const decisions = results.flatMap((r) => (r.decision ? [r] : []));
  const ask = decisions.find((r) => r.decision === "ask");
  const pick = ask ?? decisions[0];
  if (pick?.decision) {
    out.decision = pick.decision;
    if (pick.decisionReason) out.decisionReason = pick.decisionReason;
  }
  const rewrite = results.find((r) => r.updatedInput !== undefined);
  if (rewrite) out.updatedInput = rewrite.updatedInput;
  const context = results.flatMap((r) => (r.context ? [r.context] : []));
  if (context.length) out.context = context.join("\n\n");
  const stop = results.find((r) => r.stop);
  if (stop?.stop) out.stop = stop.stop;
  return out;
}
