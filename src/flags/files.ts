// What the flags keep on disk: the user override file (config dir), the install id
// (state dir). Reads fail with a KeelError naming the file; writes are atomic.
import { installFileId, writeFileAtomicSync } from "../config/index.ts";
import { readFileSync } from "node:fs";
import { KeelError } from "../errors.ts";
import { type FlagKey, type FlagValue, isFlagKey } from "./catalog.ts";
import { type Overrides, requireValue } from "./overrides.ts";

export const USER_FILE = "flags.json";

/** Writes via a temp file in the same directory and a rename, so a reader never sees half a file. */
export function atomicWrite(file: string, text: string): void {
  writeFileAtomicSync(file, text, 0o600);
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new KeelError(`cannot read ${file}: ${(e as Error).message}`);
  }
}

/** The raw override file: a JSON object, unknown keys kept (another keel version may know them). */
export function readUserFile(file: string): Record<string, unknown> {
  const text = readText(file);
  if (text === undefined) return {};
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new KeelError(`${file} is not valid JSON (${(e as Error).message})`, 1, "fix it, or delete it to drop every local flag override");
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new KeelError(`${file} must hold a JSON object of flag → value`, 1, 'e.g. {"buddy": true}');
  }
  return data as Record<string, unknown>;
}

/** The overrides in the user file that this keel knows; values are checked against each flag's type. */
export function readUserOverrides(file: string): Overrides {
  const out: Overrides = {};
  for (const [k, v] of Object.entries(readUserFile(file))) if (isFlagKey(k)) out[k] = requireValue(k, v, file);
  return out;
}

/** Sets (or with `undefined`, removes) one override; the rest of the file is kept as it was. */
export function writeUserOverride(file: string, key: FlagKey, value: FlagValue | undefined): boolean {
  const data = readUserFile(file);
  const had = key in data;
  if (value === undefined) delete data[key];
  else data[key] = value;
  atomicWrite(file, `${JSON.stringify(data, null, 2)}\n`);
  return had;
}

/** The install id (config/install-id.ts keeps it: one file, one id per install). */
export const installId = (stateDir: string): string => installFileId({ stateDir });
