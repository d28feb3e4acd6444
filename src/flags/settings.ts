// The `flags` section of keel's settings, parsed here: the config layer carries it as
// opaque data and the flags domain owns its meaning.
import { KeelError } from "../errors.ts";
import type { FlagSettings } from "./settings-schema.ts";

export type { FlagSettings } from "./settings-schema.ts";

/** What an empty section parses to (tests check this against the schema). */
const DEFAULTS: FlagSettings = Object.freeze({ timeoutMs: 1500, refreshSeconds: 300, streaming: true });

export async function parseFlagSettings(raw: unknown, where = "settings.flags"): Promise<FlagSettings> {
  // Most installs set nothing here; skipping the schema then keeps `keel --help` cheap.
  if (raw === undefined || raw === null || (typeof raw === "object" && Object.keys(raw).length === 0)) return DEFAULTS;
  const { FlagSettings } = await import("./settings-schema.ts");
  const r = FlagSettings.safeParse(raw);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const path = issue?.path.length ? `${where}.${issue.path.join(".")}` : where;
  throw new KeelError(`${path}: ${issue?.message ?? "invalid"}`);
}

/** The remote source is on when both the host and the client key are set. */
export const remoteConfigured = (s: FlagSettings): s is FlagSettings & { apiHost: string; clientKey: string } =>
  Boolean(s.apiHost && s.clientKey);
