// PreModelSwitch / PostModelSwitch around every change of model: `/model <name>` in the
// REPL ("user") and the recovery ladder's fallback when 529s persist ("fallback"). A
// PreModelSwitch block keeps the model; the caller says why to whoever is watching.
import type { EventFields, HookOutcome, HookRunner } from "./hooks.ts";

export interface ModelSwitch {
  sessionId: string;
  cwd: string;
  from: string;
  to: string;
  reason: "user" | "fallback";
}

const fields = (s: ModelSwitch): EventFields["PreModelSwitch"] => ({ from_model: s.from, to_model: s.to, reason: s.reason });

/** Asks the PreModelSwitch hooks; returns their block reason, or undefined when the switch may go ahead. */
export async function preModelSwitch(hooks: HookRunner, s: ModelSwitch): Promise<string | undefined> {
  const out = await hooks.run("PreModelSwitch", { session_id: s.sessionId, cwd: s.cwd, ...fields(s), hook_event_name: "PreModelSwitch" }).catch(() => ({}) as HookOutcome);
  return out.block?.reason;
}

export async function postModelSwitch(hooks: HookRunner, s: ModelSwitch): Promise<void> {
  await hooks.run("PostModelSwitch", { session_id: s.sessionId, cwd: s.cwd, ...fields(s), hook_event_name: "PostModelSwitch" }).catch(() => ({}));
}

/**
 * One switch with its hooks: PreModelSwitch, then `apply` unless a hook blocked it, then
 * PostModelSwitch. Returns the block reason when the model stays.
 */
export async function switchModel(hooks: HookRunner, s: ModelSwitch, apply: () => void): Promise<{ blocked?: string }> {
  if (s.from === s.to) return {};
  const blocked = await preModelSwitch(hooks, s);
  if (blocked !== undefined) return { blocked };
  apply();
  await postModelSwitch(hooks, s);
  return {};
}

/** Layer 6's guard for one run: the fallback asks the same hooks as `/model` does. */
export function fallbackGuard(hooks: HookRunner, ids: { sessionId: string; cwd: string }) {
  const at = (from: string, to: string): ModelSwitch => ({ ...ids, from, to, reason: "fallback" });
  return {
    before: (from: string, to: string) => preModelSwitch(hooks, at(from, to)),
    after: (from: string, to: string) => postModelSwitch(hooks, at(from, to)),
  };
}
