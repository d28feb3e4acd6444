// `keel config get|set|unset|list`: the effective settings with the layer each value
// comes from, and edits to one layer's file (validated first, written atomically).
import { editSetting, getPath, leafPaths, type Scope, SCOPES } from "../config/index.ts";
import { KeelError } from "../errors.ts";
import { paint, printJson, printLine } from "./output.ts";
import { processSettings } from "./settings-context.ts";

interface JsonOpt {
  json?: boolean;
}

const show = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));

function scopeOf(raw: string | undefined): Scope {
  const scope = (raw ?? "user") as Scope;
  if (!SCOPES.includes(scope)) throw new KeelError(`--scope: expected one of ${SCOPES.join(", ")}, got "${raw}"`);
  return scope;
}

/** A value typed on the command line: JSON when it parses (true, 3, ["a"]), else the string itself. */
export function parseCliValue(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

export async function configGet(key: string, opts: JsonOpt): Promise<void> {
  const loaded = await processSettings();
  const value = getPath(loaded.settings, key);
  if (opts.json) return printJson({ key, value: value ?? null, source: loaded.sourceOf(key) ?? null });
  if (value === undefined) throw new KeelError(`${key} is not set in any settings layer`, 1, "keel config list shows what is set");
  printLine(show(value));
}

export async function configSet(key: string, raw: string, opts: { scope?: string }): Promise<void> {
  const r = await editSetting(scopeOf(opts.scope), key, parseCliValue(raw));
  printLine(`${key} = ${show(r.after)} ${paint.dim(`(saved in ${r.file})`)}`);
}

export async function configUnset(key: string, opts: { scope?: string }): Promise<void> {
  const r = await editSetting(scopeOf(opts.scope), key, undefined);
  printLine(r.before === undefined ? `${key} was not set in ${r.file}` : `${key} removed ${paint.dim(`(from ${r.file})`)}`);
}

export async function configList(opts: JsonOpt): Promise<void> {
  const loaded = await processSettings();
  const entries = leafPaths(loaded.settings).map((key) => ({ key, value: getPath(loaded.settings, key), source: loaded.sourceOf(key) ?? null }));
  if (opts.json) {
    return printJson({
      settings: entries,
      layers: loaded.layers.map((l) => ({ name: l.name, file: l.file, exists: l.exists, problems: l.problems })),
    });
  }
  if (entries.length === 0) printLine(paint.dim("no settings set; every value is a default"));
  const width = Math.max(0, ...entries.map((e) => e.key.length));
  for (const e of entries) printLine(`${e.key.padEnd(width)}  ${show(e.value)}  ${paint.dim(e.source ?? "")}`);
  printLine();
  for (const l of loaded.layers) {
    const state = l.problems.some((p) => p.severity === "error") ? paint.red("problems") : l.exists ? paint.green("found") : paint.dim("absent");
    printLine(`${paint.dim(l.name.padEnd(8))} ${state.padEnd(8)} ${l.file}`);
  }
}
