// `keel hooks list [--json]`: every hook, where it came from, what it matches and runs.
import { dedupeKey } from "../hooks/index.ts";
import { paint, printJson, printLine } from "./output.ts";
import { pluginHookDefs } from "./plugin-host.ts";
import { processSettings } from "./settings-context.ts";
import { settingsHooks } from "./session-hooks.ts";

export async function hooksList(opts: { json?: boolean }): Promise<void> {
  const { defs: fromSettings, problems } = settingsHooks(await processSettings());
  // Plugins' hooks (hooks/hooks.json, function hooks) after the settings layers', as a session orders them.
  const defs = [...fromSettings, ...(await pluginHookDefs({ notify: (line) => problems.push(line) }))];
  const seen = new Set<string>();
  const rows = defs.map((d) => {
    const key = dedupeKey(d);
    const duplicate = seen.has(key);
    seen.add(key);
    return { event: d.event, matcher: d.matcher || "*", kind: d.kind, runs: d.target, timeoutSeconds: d.timeoutMs / 1000, once: d.once, async: d.async, source: d.source, duplicate };
  });
  if (opts.json) return printJson({ hooks: rows, problems });
  // With problems and no hook left, the problems are the answer: "none configured" would contradict them.
  if (rows.length === 0 && problems.length === 0) printLine(paint.dim("no hooks configured (settings files: hooks section; plugins: hooks/hooks.json)"));
  for (const r of rows) {
    const flags = [r.once ? "once" : "", r.async ? "async" : "", r.duplicate ? "duplicate: runs once" : ""].filter(Boolean).join(", ");
    printLine(`${paint.bold(r.event)} ${paint.cyan(r.matcher)}  ${r.kind}: ${r.runs}  ${paint.dim(`${r.timeoutSeconds}s${flags ? `, ${flags}` : ""} — ${r.source}`)}`);
  }
  for (const p of problems) printLine(paint.yellow(`problem: ${p}`));
}
