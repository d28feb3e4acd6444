// The hook runner the engine calls at each event: finds the matching hooks, drops
// duplicates and spent `once` hooks, starts `async` ones without waiting, runs the rest in
// parallel (each under its timeout), and combines their answers into one outcome.
import { callbackExecutor, hasHookCallback } from "./callbacks.ts";
import { dedupeKey, type HookDef, type HookKind, matcherMatches } from "./config.ts";
import { type HookEvent, type HookOutcome, type HookPayload, type HookRunner, MATCH_FIELD, TOOL_EVENTS } from "./events.ts";
import { type InjectedExecutor, labelOf, runCommand, runHttp } from "./executors.ts";
import { combine, type Interpreted } from "./output.ts";

export interface RunnerOptions {
  defs: readonly HookDef[];
  projectDir: string;
  transcriptPath?: string;
  permissionMode?: string;
  /** Executors for the kinds keel itself does not run here; a kind without one is refused at load. */
  injected?: Partial<Record<Exclude<HookKind, "command" | "http">, InjectedExecutor>>;
  /** Lines for the person: systemMessage, non-blocking errors, refused hooks. */
  notify?: (line: string) => void;
}

export interface KeelHookRunner extends HookRunner {
  /** The hooks that will run (duplicates and refused kinds removed). */
  readonly active: readonly HookDef[];
  /** Hooks refused at load, each with why. */
  readonly refused: readonly { def: HookDef; reason: string }[];
  /** Every definition given (before dedupe and refusals), in order. */
  readonly defs: readonly HookDef[];
  /** Replaces the definitions (a settings file changed): later events run the new ones; `once` hooks already spent stay spent. */
  reload(defs: readonly HookDef[]): void;
}

const NEEDS: Record<string, string> = {
  prompt: "a model (settings.smallModel and an API key)",
  agent: "a sub-agent executor, which this session does not provide",
  function: "a plugin host: name the function <plugin>:<name> and enable that plugin (its host module exports `hooks`)",
};

/** What a non-tool event's matcher is tested against (SessionStart: source, PreCompact: trigger, …). */
function matchValue(p: HookPayload): string | undefined {
  if (TOOL_EVENTS.has(p.hook_event_name)) return p.tool_name;
  const field = MATCH_FIELD[p.hook_event_name];
  const v = field ? p[field] : (p.source ?? p.trigger ?? p.matcher_value);
  return typeof v === "string" ? v : undefined;
}

export function createHookRunner(o: RunnerOptions): KeelHookRunner {
  let defs: readonly HookDef[] = o.defs;
  let refused: { def: HookDef; reason: string }[] = [];
  let active: HookDef[] = [];
  const load = (next: readonly HookDef[]) => {
    defs = next;
    ({ active, refused } = sortDefs(next, o));
    for (const r of refused) o.notify?.(`hook not loaded: ${labelOf(r.def)}: ${r.reason}`);
  };
  load(o.defs);
  const spent = new Set<string>();

  async function execute(d: HookDef, payload: HookPayload): Promise<Interpreted> {
    try {
      if (d.kind === "command") return await runCommand(d, payload, { projectDir: o.projectDir });
      if (d.kind === "http") return await runHttp(d, payload);
      const signal = AbortSignal.timeout(d.timeoutMs);
      const run = (o.injected?.[d.kind] ?? (d.kind === "callback" ? callbackExecutor : undefined)) as InjectedExecutor;
      return await run(d, payload, signal);
    } catch (e) {
      return { notice: `hook ${labelOf(d)}: ${(e as Error).message}` };
    }
  }

  return {
    get active() {
      return active;
    },
    get refused() {
      return refused;
    },
    get defs() {
      return defs;
    },
    reload: load,
    async run(event: HookEvent, payload: HookPayload): Promise<HookOutcome> {
      const full: HookPayload = {
        ...(o.transcriptPath ? { transcript_path: o.transcriptPath } : {}),
        ...(o.permissionMode ? { permission_mode: o.permissionMode } : {}),
        ...payload,
        hook_event_name: event,
      };
      const value = matchValue(full);
      const matching = active.filter((d) => d.event === event && matcherMatches(d.matcher, value) && !spent.has(dedupeKey(d)));
      for (const d of matching) if (d.once) spent.add(dedupeKey(d));
      const waited = matching.filter((d) => !d.async);
      for (const d of matching.filter((x) => x.async)) void execute(d, full).then((r) => r.notice && o.notify?.(r.notice));
      const results = await Promise.all(waited.map((d) => execute(d, full)));
      for (const r of results) if (r.notice) o.notify?.(r.notice);
      return combine(results);
    },
  };
}

/** Drops duplicates (the first wins) and kinds this runner has no executor for. */
function sortDefs(defs: readonly HookDef[], o: RunnerOptions): { active: HookDef[]; refused: { def: HookDef; reason: string }[] } {
  const refused: { def: HookDef; reason: string }[] = [];
  const seen = new Set<string>();
  const active: HookDef[] = [];
  for (const d of defs) {
    const key = dedupeKey(d);
    if (seen.has(key)) continue;
    seen.add(key);
    if (d.kind === "callback" && !o.injected?.callback && !hasHookCallback(d.target)) {
      refused.push({ def: d, reason: `no in-process callback named "${d.target}" is registered` });
      continue;
    }
    if (d.kind !== "command" && d.kind !== "http" && d.kind !== "callback" && !o.injected?.[d.kind]) {
      refused.push({ def: d, reason: `${d.kind} hooks need ${NEEDS[d.kind]}` });
      continue;
    }
    active.push(d);
  }
  return { active, refused };
}
