// Local overrides as plain data: `--flag k=v` (repeatable), KEEL_FLAGS ("a=true,b=false")
// and the user override file written by `keel flags set`. Each parses to a key → value map;
// a bad key or value is a KeelError naming where it came from and the close matches.
import { scanOption } from "../config/index.ts";
import { KeelError } from "../errors.ts";
import { closeMatches, defaultValue, FLAG_KEYS, type FlagKey, type FlagValue, isFlagKey, valueKind } from "./catalog.ts";

export type Overrides = Partial<Record<FlagKey, FlagValue>>;

/** A value as typed by a person: JSON when it parses (true, 3, "x", [1]), else the raw string. */
export function parseValue(text: string): FlagValue {
  try {
    return JSON.parse(text) as FlagValue;
  } catch {
    return text;
  }
}

/** The known key, or a KeelError listing close matches. */
export function requireKey(key: string, where: string): FlagKey {
  const normal = key.trim();
  if (isFlagKey(normal)) return normal;
  const near = closeMatches(normal);
  const hint = near.length ? `did you mean ${near.join(", ")}?` : `known flags: ${FLAG_KEYS.join(", ")}`;
  throw new KeelError(`unknown flag "${normal}" in ${where}`, 2, hint);
}

/** A value of the flag's own type (that of its default), or a KeelError naming the source. */
export function requireValue(key: FlagKey, value: unknown, where: string): FlagValue {
  const want = valueKind(defaultValue(key));
  const got = valueKind(value);
  if (want !== got) {
    throw new KeelError(`${where}: ${key} must be a ${want}, got ${got} ${JSON.stringify(value)}`, 2);
  }
  return value as FlagValue;
}

/** "k=v" pairs (from --flag or KEEL_FLAGS) into overrides; later pairs win. */
export function parseAssignments(pairs: readonly string[], where: string): Overrides {
  const out: Overrides = {};
  for (const raw of pairs) {
    const pair = raw.trim();
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    if (eq <= 0) throw new KeelError(`${where}: expected key=value, got "${pair}"`, 2, "e.g. buddy=true");
    const key = requireKey(pair.slice(0, eq), where);
    out[key] = requireValue(key, parseValue(pair.slice(eq + 1).trim()), where);
  }
  return out;
}

/** KEEL_FLAGS="buddy=true,kairos=false". */
export function parseEnvFlags(text: string | undefined): Overrides {
  if (!text) return {};
  return parseAssignments(text.split(","), "KEEL_FLAGS");
}

/**
 * The `--flag k=v` values in argv, read before commander runs: the command table
 * itself depends on them (a command whose flag is off is never declared).
 */
export const scanFlagArgs = (argv: readonly string[]): string[] => scanOption(argv, "--flag");
