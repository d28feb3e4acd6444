// Hook definitions from Claude Code's settings shape — `{ Event: [{ matcher, hooks: [{
// type, command, timeout, … }] }] }` — from every settings layer and from plugins'
// hooks/hooks.json. Each definition remembers where it came from.
import { isHookEvent, type HookEvent } from "./events.ts";

export type HookKind = "command" | "prompt" | "agent" | "http" | "callback" | "function";
export const HOOK_KINDS: readonly HookKind[] = ["command", "prompt", "agent", "http", "callback", "function"];

export interface HookDef {
  event: HookEvent;
  matcher: string;
  kind: HookKind;
  /** The command, URL, prompt, callback or function name. */
  target: string;
  timeoutMs: number;
  once: boolean;
  async: boolean;
  /** A settings file, or `plugin <name>`. */
  source: string;
  /** Plugin hooks: the plugin's root, substituted for ${CLAUDE_PLUGIN_ROOT}. */
  pluginRoot?: string;
  /** Extra fields of the entry (headers, model, …). */
  options: Record<string, unknown>;
}

export interface ConfigProblem {
  source: string;
  message: string;
}

const DEFAULT_TIMEOUT_S = 60;

const targetOf = (h: Record<string, unknown>, kind: HookKind): unknown =>
  kind === "command" ? h.command : kind === "http" ? h.url : kind === "prompt" || kind === "agent" ? h.prompt : kind === "function" ? h.function : h.callback;

/** Reads one hooks section; a malformed entry is reported and skipped. */
export function readHooks(section: unknown, source: string, pluginRoot?: string): { defs: HookDef[]; problems: ConfigProblem[] } {
  const defs: HookDef[] = [];
  const problems: ConfigProblem[] = [];
  if (section === undefined) return { defs, problems };
  if (typeof section !== "object" || section === null) return { defs, problems: [{ source, message: "hooks: expected an object of events" }] };
  for (const [event, groups] of Object.entries(section)) {
    if (!isHookEvent(event)) {
      problems.push({ source, message: `hooks.${event}: unknown event` });
      continue;
    }
    if (!Array.isArray(groups)) {
      problems.push({ source, message: `hooks.${event}: expected an array of { matcher, hooks }` });
      continue;
    }
    groups.forEach((g: Record<string, unknown>, gi) => {
      const list = Array.isArray(g?.hooks) ? (g.hooks as Record<string, unknown>[]) : [];
      if (!list.length) problems.push({ source, message: `hooks.${event}[${gi}].hooks: expected a non-empty array` });
      list.forEach((h, hi) => {
        const where = `hooks.${event}[${gi}].hooks[${hi}]`;
        const kind = h?.type as HookKind;
        if (!HOOK_KINDS.includes(kind)) return void problems.push({ source, message: `${where}.type: expected one of ${HOOK_KINDS.join(", ")}` });
        const target = targetOf(h, kind);
        if (typeof target !== "string" || target === "") return void problems.push({ source, message: `${where}: a ${kind} hook needs its ${kind === "command" ? "command" : kind === "http" ? "url" : kind === "function" ? "function" : kind === "callback" ? "callback" : "prompt"}` });
        const { type: _t, command: _c, url: _u, prompt: _p, timeout, once, async, ...options } = h;
        defs.push({
          event,
          matcher: typeof g.matcher === "string" ? g.matcher : "",
          kind,
          target,
          timeoutMs: (typeof timeout === "number" && timeout > 0 ? timeout : DEFAULT_TIMEOUT_S) * 1000,
          once: once === true,
          async: async === true,
          source,
          ...(pluginRoot ? { pluginRoot } : {}),
          options,
        });
      });
    });
  }
  return { defs, problems };
}

/** Claude Code's matcher: empty or `*` matches all; `A|B` names; anything else is a regex. */
export function matcherMatches(matcher: string, value: string | undefined): boolean {
  if (matcher === "" || matcher === "*") return true;
  if (value === undefined) return false;
  if (/^[\w|-]+$/.test(matcher)) return matcher.split("|").includes(value);
  try {
    return new RegExp(`^(?:${matcher})$`).test(value);
  } catch {
    return false;
  }
}

/** Two definitions that would do the same thing run once. */
export const dedupeKey = (d: HookDef) => `${d.event}\u0000${d.kind}\u0000${d.target}\u0000${d.pluginRoot ?? ""}`;
