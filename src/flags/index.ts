// Feature flags: GrowthBook payloads (embedded defaults, a remote host with its disk
// cache) under local overrides (--flag, KEEL_FLAGS, the user file), resolved once per
// session into a typed snapshot. Modules read `snapshot.kairos`; nothing looks flags up by string.
import { defaultValue, FLAG_KEYS, type FlagKey, type FlagValues, isFlagKey } from "./catalog.ts";

export {
  closeMatches,
  defaultValue,
  describeFlag,
  EMBEDDED_PAYLOAD,
  FLAG_KEYS,
  type FlagKey,
  type FlagValue,
  type FlagValues,
  isFlagKey,
} from "./catalog.ts";
export type { FlagChanged, FlagListener } from "./events.ts";
export { atomicWrite, installId, readUserFile, writeUserOverride } from "./files.ts";
export { parseValue, requireKey, requireValue, scanFlagArgs } from "./overrides.ts";
export type { FeatureApiResponse } from "./payload.ts";
export type { RemoteState } from "./remote.ts";
export { type FlagState, PRECEDENCE, type SourceName, type TrailEntry } from "./resolve.ts";
export { type FlagSettings, parseFlagSettings } from "./settings.ts";
export { type FlagContext, type FlagPaths, FlagSession, type OpenOptions, userFile } from "./session.ts";

/** Whether a thing gated by `flag` exists in this snapshot; ungated things always do. */
export function gateOpen(snapshot: FlagValues, flag: string | undefined): boolean {
  if (flag === undefined) return true;
  return isFlagKey(flag) && (snapshot[flag as FlagKey] as unknown) === true;
}

/** The embedded defaults as a snapshot, for code that runs before any source is read. */
export const DEFAULT_SNAPSHOT: FlagValues = Object.freeze(
  Object.fromEntries(FLAG_KEYS.map((k) => [k, defaultValue(k)])),
) as unknown as FlagValues;
