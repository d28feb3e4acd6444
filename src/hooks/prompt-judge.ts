// The `prompt` hook kind: a small model reads the hook's prompt and the event payload and
// answers {"ok": true} or {"ok": false, "reason": "…"}; not ok blocks (or denies a tool).
import type { HookDef } from "./config.ts";
import type { HookPayload } from "./events.ts";
import type { InjectedExecutor } from "./executors.ts";
import type { Interpreted } from "./output.ts";

/** The one call the judge needs; the SDK client's messages.create satisfies it. */
export interface JudgeModel {
  create(params: {
    model: string;
    max_tokens: number;
    system: string;
    messages: Array<{ role: "user"; content: string }>;
  }, options?: { signal?: AbortSignal }): Promise<{ content: Array<{ type: string; text?: string }> }>;
}

const SYSTEM =
  "You judge one event of a coding agent against the rule you are given. Reply with JSON only: " +
  '{"ok": true} when the event satisfies the rule, or {"ok": false, "reason": "<one sentence for the agent>"} when it does not.';

export function promptJudge(model: JudgeModel, modelName: string): InjectedExecutor {
  return async (def: HookDef, payload: HookPayload, signal: AbortSignal): Promise<Interpreted> => {
    const input = JSON.stringify(payload);
    const rule = def.target.includes("$ARGUMENTS") ? def.target.replaceAll("$ARGUMENTS", input) : `${def.target}\n\nEvent:\n${input}`;
    const res = await model.create(
      { model: (def.options.model as string | undefined) ?? modelName, max_tokens: 512, system: SYSTEM, messages: [{ role: "user", content: rule }] },
      { signal },
    );
    return verdictOf(res.content.map((b) => b.text ?? "").join(""), `prompt hook (${def.source})`);
  };
}

/** A model's {"ok": …, "reason": …} answer as a hook outcome; anything else is a notice, not a pass. */
export function verdictOf(answer: string, label: string): Interpreted {
  const json = /\{[\s\S]*\}/.exec(answer.trim())?.[0];
  let verdict: { ok?: unknown; reason?: unknown } | undefined;
  try {
    verdict = json ? (JSON.parse(json) as { ok?: unknown; reason?: unknown }) : undefined;
  } catch {}
  if (typeof verdict?.ok !== "boolean") return { notice: `${label}: the answer was not {"ok": …}; ignored` };
  if (verdict.ok) return {};
  return { block: { reason: typeof verdict.reason === "string" ? verdict.reason : `${label} said no` } };
}
