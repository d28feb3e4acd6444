// Shared set-up for flag tests: a fresh set of keel dirs and a context that reads no
// process environment, so results never depend on the machine running them.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FlagContext } from "../../src/flags/index.ts";

export function freshContext(extra: Partial<FlagContext> = {}): FlagContext {
  const root = mkdtempSync(join(tmpdir(), "keel-flags-"));
  return {
    paths: { configDir: join(root, "config"), cacheDir: join(root, "cache"), stateDir: join(root, "state") },
    env: {},
    ...extra,
  };
}
