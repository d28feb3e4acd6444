// The `agent` hook kind: a sub-agent with read-only tools investigates the event (reads
// files, greps, lists) and answers {"ok": …, "reason": …}; not ok blocks. It runs the same
// loop as every session, on the session's model, without hooks (no recursion).
import { builtinTools, minimalContextPrep, noHooks, runAgent, type Tool } from "../engine/index.ts";
import { type InjectedExecutor, verdictOf } from "../hooks/index.ts";
import type { MessageSource } from "../model/index.ts";

const MAX_TURNS = 12;
/** Tools for looking, not changing (BashOutput is read-only too, but without Bash it has nothing to read). */
const INVESTIGATE = new Set(["Read", "Glob", "Grep", "LS"]);

export function agentHookExecutor(o: { source: MessageSource; model: string; baseURL?: string }): InjectedExecutor {
  const tools: Tool[] = builtinTools().filter((t) => INVESTIGATE.has(t.name));
  return async (def, payload, signal) => {
    const prompt = [
      def.target.includes("$ARGUMENTS") ? def.target.replaceAll("$ARGUMENTS", JSON.stringify(payload)) : def.target,
      def.target.includes("$ARGUMENTS") ? "" : `\nThe event:\n${JSON.stringify(payload)}`,
      '\nInvestigate with your read-only tools as needed, then answer with JSON only: {"ok": true} or {"ok": false, "reason": "<one sentence for the agent>"}.',
    ].join("\n");
    let answer = "";
    for await (const ev of runAgent({
      source: o.source,
      model: (def.options.model as string | undefined) ?? o.model,
      tools,
      cwd: payload.cwd,
      sessionId: `${payload.session_id}-hook-${crypto.randomUUID().slice(0, 8)}`,
      prompt,
      signal,
      maxTurns: MAX_TURNS,
      hooks: noHooks,
      prepareContext: minimalContextPrep,
      ...(o.baseURL ? { baseURL: o.baseURL } : {}),
    })) {
      if (ev.type === "session_end") answer = ev.result;
    }
    return verdictOf(answer, `agent hook (${def.source})`);
  };
}
