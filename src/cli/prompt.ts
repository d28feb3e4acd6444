// `keel prompt show [--json]`: the system prompt this directory would get, split at the
// cache boundary, with each section's source, priority, kind and estimated size.
import { KeelError } from "../errors.ts";
import {
  type CompiledRequest,
  estimateTokens,
  type PromptSession,
  PromptSettings,
  startPromptSession,
} from "../prompt/index.ts";
import { paint, printJson, printLine } from "./output.ts";
import { processSettings } from "./settings-context.ts";

export interface PromptShowOptions {
  json?: boolean;
  ttl?: string;
  budget?: string;
}

/** settings.prompt with --ttl / --budget over it; an error names the option or the setting at fault. */
function settingsFrom(opts: PromptShowOptions, fromSettings: Record<string, unknown>): Partial<PromptSettings> {
  const base = PromptSettings.safeParse(fromSettings);
  if (!base.success) {
    const issue = base.error.issues[0];
    throw new KeelError(`settings.prompt.${issue?.path.join(".") ?? ""}: ${issue?.message ?? "invalid"}`);
  }
  const raw: Record<string, unknown> = { ...fromSettings };
  if (opts.ttl !== undefined) raw.cacheTtl = opts.ttl;
  if (opts.budget !== undefined) raw.budgetTokens = Number(opts.budget);
  const r = PromptSettings.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0];
    const flag = issue?.path[0] === "cacheTtl" ? "--ttl" : "--budget";
    const want = flag === "--ttl" ? "5m or 1h" : "a positive whole number of tokens";
    throw new KeelError(`${flag}: expected ${want}, got ${JSON.stringify(flag === "--ttl" ? opts.ttl : opts.budget)}`);
  }
  return r.data;
}

export async function promptShow(opts: PromptShowOptions): Promise<void> {
  const { settings: all, paths } = await processSettings();
  const settings = settingsFrom(opts, (all.prompt ?? {}) as Record<string, unknown>);
  // Built-in tools only: the engine adds its own and plugin tools when a session runs.
  const { builtinTools, toolSchemas } = await import("../tools/index.ts");
  const tools = toolSchemas(builtinTools());
  const session = await startPromptSession({ cwd: process.cwd(), userDir: paths.configDir, settings, tools });
  const compiled = session.compile([]);
  if (opts.json) printJson(toJson(session, compiled));
  else printHuman(session, compiled);
}

function toJson(session: PromptSession, c: CompiledRequest) {
  const text = new Map(session.sections.map((s) => [s.id, s.text]));
  return {
    cacheTtl: session.settings.cacheTtl,
    budgetTokens: c.report.budgetTokens,
    systemTokens: c.report.systemTokens,
    overBudget: c.report.overBudget,
    tokenEstimate: "ceil(ASCII chars / 4) + non-ASCII chars",
    boundary: c.report.boundary,
    sections: c.report.sections.map((s) => ({ ...s, text: text.get(s.id) ?? "" })),
    dropped: c.report.dropped,
    breakpoints: c.report.breakpoints,
    tools: { names: c.tools.map((t) => t.name), tokens: estimateTokens(JSON.stringify(c.tools)) },
    system: c.system,
  };
}

function printHuman(session: PromptSession, c: CompiledRequest): void {
  const r = c.report;
  const text = new Map(session.sections.map((s) => [s.id, s.text]));
  printLine(
    paint.bold(
      `${r.sections.length} sections, ~${r.systemTokens} tokens (budget ${r.budgetTokens}), ` +
        `static half cached with ttl ${session.settings.cacheTtl}`,
    ),
  );
  let inDynamic = false;
  printLine(paint.cyan(`── static half: ~${r.boundary.staticTokens} tokens, cache_control ttl ${session.settings.cacheTtl} ──`));
  for (const s of r.sections) {
    if (s.kind === "dynamic" && !inDynamic) {
      inDynamic = true;
      printLine();
      printLine(paint.cyan(`══ boundary ══ dynamic half: ~${r.boundary.dynamicTokens} tokens, no cache_control ──`));
    }
    printLine();
    const label = s.label ? ` ${s.label}` : "";
    printLine(paint.dim(`[${s.id}]${label}  source=${s.source} priority=${s.priority} kind=${s.kind} ~${s.tokens} tokens`));
    printLine(text.get(s.id) ?? "");
  }
  if (!inDynamic) printLine(paint.cyan("══ boundary ══ (no dynamic sections)"));
  printLine();
  if (r.dropped.length) {
    printLine(paint.yellow(`dropped to fit the budget (${r.dropped.length}):`));
    for (const d of r.dropped) printLine(`  ${d.id}  priority=${d.priority} kind=${d.kind} ~${d.tokens} tokens`);
  } else printLine(paint.dim("dropped: none"));
  if (r.overBudget) printLine(paint.yellow(`still over budget: the required sections alone need ~${r.systemTokens} tokens`));
  const toolTokens = estimateTokens(JSON.stringify(c.tools));
  printLine(paint.dim(`tools (before the system prompt, sorted, frozen; ~${toolTokens} tokens): ${c.tools.map((t) => t.name).join(", ") || "none"}`));
  printLine(paint.dim("token counts are estimates: ceil(ASCII chars / 4) + non-ASCII chars"));
}
