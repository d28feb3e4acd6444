// Settings layers, highest first: managed > CLI (--settings) > project-local > project >
// user. Each file is read and checked on its own: a bad file, or one bad field, is
// reported (file, field, what was expected) and skipped while every other layer applies.
// Files are only ever read here.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { jsonErrorAt } from "./json-position.ts";
import { type Env, type Paths, resolvePaths } from "./paths.ts";
import type { Settings } from "./settings-schema.ts";
import { getPath, isPlainObject, mergeSettings } from "./settings-tree.ts";

export type LayerName = "managed" | "cli" | "local" | "project" | "user";
/** Highest precedence first. */
export const LAYER_ORDER: readonly LayerName[] = ["managed", "cli", "local", "project", "user"];

export interface SettingsProblem {
  severity: "error" | "warning";
  /** The file (or `--settings (inline JSON)`). */
  file: string;
  /** Dot path of the field, when the problem is one field. */
  field?: string;
  message: string;
}

export interface Layer {
  name: LayerName;
  file: string;
  exists: boolean;
  /** The fields that passed validation; what the layer contributes. */
  values: Record<string, unknown>;
  problems: SettingsProblem[];
}

export interface PermissionRule {
  rule: string;
  behavior: "allow" | "ask" | "deny";
  layer: LayerName;
  file: string;
}

export interface LoadedSettings {
  settings: Settings;
  layers: Layer[];
  problems: SettingsProblem[];
  /** Every permission rule of every layer, highest layer first, each knowing its origin. */
  permissionRules: PermissionRule[];
  paths: Paths;
  /** The layer that supplies the effective value at `path`, if any. */
  sourceOf(path: string): LayerName | undefined;
}

export interface LoadOptions {
  cwd?: string;
  env?: Env;
  /** The --settings value: a file path or inline JSON. */
  cliSettings?: string;
}

export const formatProblem = (p: SettingsProblem): string => `${p.file}: ${p.field ? `${p.field}: ` : ""}${p.message}`;

interface Source {
  name: LayerName;
  file: string;
  text?: string;
  /** Set when the layer was asked for explicitly and could not be read. */
  readError?: string;
}

function readSource(name: LayerName, file: string, required = false): Source {
  try {
    return { name, file, text: readFileSync(file, "utf8") };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" && !required) return { name, file };
    return { name, file, readError: code === "ENOENT" ? "no such file" : `cannot be read (${code ?? (e as Error).message})` };
  }
}

function sources(paths: Paths, cwd: string, cliSettings: string | undefined): Source[] {
  const cli: Source[] = [];
  if (cliSettings !== undefined) {
    const inline = cliSettings.trimStart().startsWith("{");
    cli.push(inline ? { name: "cli", file: "--settings (inline JSON)", text: cliSettings } : readSource("cli", resolve(cwd, cliSettings), true));
  }
  return [
    readSource("managed", paths.managedSettings),
    ...cli,
    readSource("local", paths.localSettings),
    readSource("project", paths.projectSettings),
    readSource("user", paths.userSettings),
  ];
}

function parse(src: Source): { object?: Record<string, unknown>; problem?: SettingsProblem } {
  const err = (message: string): { problem: SettingsProblem } => ({ problem: { severity: "error", file: src.file, message } });
  if (src.readError) return err(src.readError);
  if (src.text === undefined) return {};
  if (src.text.trim() === "") return err("the file is empty; expected a JSON object");
  let value: unknown;
  try {
    value = JSON.parse(src.text);
  } catch {
    const at = jsonErrorAt(src.text);
    return err(at ? `invalid JSON at line ${at.line}, column ${at.column}: ${at.message}` : "invalid JSON");
  }
  if (!isPlainObject(value)) return err("expected a JSON object at the top level");
  return { object: value };
}

export async function loadSettings(opts: LoadOptions = {}): Promise<LoadedSettings> {
  const cwd = opts.cwd ?? process.cwd();
  const env = opts.env ?? process.env;
  const paths = resolvePaths(cwd, env);
  const parsed = sources(paths, cwd, opts.cliSettings).map((src) => ({ src, ...parse(src) }));
  // The schema (and zod) load only when there is something to check.
  const schema = parsed.some((p) => p.object) ? await import("./settings-schema.ts") : undefined;

  const layers: Layer[] = parsed.map(({ src, object, problem }) => {
    const layer: Layer = { name: src.name, file: src.file, exists: src.text !== undefined, values: {}, problems: problem ? [problem] : [] };
    for (const [key, value] of Object.entries(object ?? {})) {
      if (!schema?.isSettingsKey(key)) {
        layer.problems.push({ severity: "warning", file: src.file, field: key, message: "unknown setting, ignored" });
        continue;
      }
      const r = schema.checkField(key, value);
      if (r.ok) layer.values[key] = r.value;
      else for (const p of r.problems) layer.problems.push({ severity: "error", file: src.file, field: p.field, message: `${p.message}; this field is ignored` });
    }
    return layer;
  });

  const lowestFirst = [...layers].reverse();
  const settings = mergeSettings(lowestFirst.map((l) => l.values)) as Settings;
  const permissionRules: PermissionRule[] = layers.flatMap((l) =>
    (["deny", "ask", "allow"] as const).flatMap((behavior) =>
      ((getPath(l.values, `permissions.${behavior}`) as string[] | undefined) ?? []).map((rule) => ({ rule, behavior, layer: l.name, file: l.file })),
    ),
  );
  return {
    settings,
    layers,
    problems: layers.flatMap((l) => l.problems),
    permissionRules,
    paths,
    sourceOf: (path) => layers.find((l) => getPath(l.values, path) !== undefined)?.name,
  };
}
