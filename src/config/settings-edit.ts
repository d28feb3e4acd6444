// `keel config set/unset`: change one field of one layer's file. The whole new value of
// the field is validated before anything is written; the write is atomic; a file that
// cannot be parsed is never overwritten (the person's text would be lost).
import { readFileSync } from "node:fs";
import { KeelError } from "../errors.ts";
import { writeFileAtomic } from "./atomic-write.ts";
import { jsonErrorAt } from "./json-position.ts";
import { type Env, type Paths, resolvePaths } from "./paths.ts";
import { getPath, isPlainObject, withPath } from "./settings-tree.ts";

export type Scope = "user" | "project" | "local";
export const SCOPES: readonly Scope[] = ["user", "project", "local"];

export function scopeFile(paths: Paths, scope: Scope): string {
  return scope === "user" ? paths.userSettings : scope === "project" ? paths.projectSettings : paths.localSettings;
}

function readObject(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw new KeelError(`${file}: cannot be read (${(e as NodeJS.ErrnoException).code})`);
  }
  if (text.trim() === "") return {};
  try {
    const value = JSON.parse(text) as unknown;
    if (isPlainObject(value)) return value;
  } catch {}
  const at = jsonErrorAt(text);
  const where = at ? ` (line ${at.line}, column ${at.column}: ${at.message})` : " (not a JSON object)";
  throw new KeelError(`${file}: not valid settings JSON${where}; fix or remove it first. Nothing was written.`);
}

export interface EditResult {
  file: string;
  before: unknown;
  after: unknown;
}

export async function editSetting(
  scope: Scope,
  key: string,
  value: unknown,
  opts: { cwd?: string; env?: Env } = {},
): Promise<EditResult> {
  const { checkField, isSettingsKey, SETTINGS_FIELDS } = await import("./settings-schema.ts");
  const top = key.split(".")[0] as string;
  if (!key || key.split(".").some((p) => p === "") || !isSettingsKey(top)) {
    throw new KeelError(`unknown setting "${key}"`, 1, `known settings: ${Object.keys(SETTINGS_FIELDS).join(", ")}`);
  }
  const file = scopeFile(resolvePaths(opts.cwd, opts.env), scope);
  const current = readObject(file);
  const next = withPath(current, key, value);
  if (next[top] !== undefined) {
    const r = checkField(top, next[top]);
    if (!r.ok) {
      const detail = r.problems.map((p) => `${p.field}: ${p.message}`).join("; ");
      throw new KeelError(`${file}: ${detail}. Nothing was written.`);
    }
  }
  await writeFileAtomic(file, `${JSON.stringify(next, null, 2)}\n`);
  return { file, before: getPath(current, key), after: getPath(next, key) };
}
