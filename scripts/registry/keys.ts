// Signing keys for a registry build. A keys directory holds one PKCS#8 PEM per key, named
// `<role>[.<n>].pem` (role: root, targets, snapshot, timestamp, publisher-<name>), optionally
// prefixed `DEVELOPMENT-ONLY.`, and an optional thresholds.json ({"root": 2, ...}).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { newPrivateKeyPem } from "../../src/plugins/ed25519.ts";

export interface RoleKeys {
  /** Private keys (PKCS#8 PEM). Every one is listed for the role; `signers` picks who signs. */
  keys: string[];
  threshold?: number;
  /** Which of `keys` (or others) sign; default all of `keys`. Tests sign below threshold with it. */
  signers?: string[];
}

export interface RegistryKeys {
  root: RoleKeys;
  targets: RoleKeys;
  snapshot: RoleKeys;
  timestamp: RoleKeys;
  /** publisher name → the keys its delegated targets role is signed with. */
  publishers: Record<string, RoleKeys>;
}

const TOP = ["root", "targets", "snapshot", "timestamp"] as const;
const FILE = /^(?:DEVELOPMENT-ONLY\.)?(root|targets|snapshot|timestamp|publisher-([a-z0-9][a-z0-9-]*))(?:\.(\d+))?\.pem$/;

/** The keys directory as RegistryKeys; errors name the directory and what is missing. */
export function loadKeys(dir: string): RegistryKeys {
  if (!existsSync(dir)) throw new Error(`keys directory ${dir} does not exist`);
  const roles = new Map<string, string[]>();
  for (const name of readdirSync(dir).sort()) {
    const m = FILE.exec(name);
    if (!m) continue;
    const role = m[1] as string;
    roles.set(role, [...(roles.get(role) ?? []), readFileSync(join(dir, name), "utf8")]);
  }
  const thresholdsFile = join(dir, "thresholds.json");
  const thresholds = existsSync(thresholdsFile) ? (JSON.parse(readFileSync(thresholdsFile, "utf8")) as Record<string, number>) : {};
  const role = (r: string): RoleKeys => {
    const keys = roles.get(r);
    if (!keys) throw new Error(`keys directory ${dir} has no key for the ${r} role (expected ${r}.pem)`);
    return { keys, ...(thresholds[r] ? { threshold: thresholds[r] } : {}) };
  };
  const publishers: Record<string, RoleKeys> = {};
  for (const r of roles.keys()) if (r.startsWith("publisher-")) publishers[r.slice("publisher-".length)] = role(r);
  const [root, targets, snapshot, timestamp] = TOP.map(role) as [RoleKeys, RoleKeys, RoleKeys, RoleKeys];
  return { root, targets, snapshot, timestamp, publishers };
}

/** Fresh keys for a throwaway registry (tests, benches): one key per role unless `counts` says more. */
export function generateKeys(publishers: string[], counts: Partial<Record<(typeof TOP)[number], { keys: number; threshold: number }>> = {}): RegistryKeys {
  const role = (r: (typeof TOP)[number]): RoleKeys => {
    const c = counts[r] ?? { keys: 1, threshold: 1 };
    return { keys: Array.from({ length: c.keys }, newPrivateKeyPem), threshold: c.threshold };
  };
  return {
    root: role("root"),
    targets: role("targets"),
    snapshot: role("snapshot"),
    timestamp: role("timestamp"),
    publishers: Object.fromEntries(publishers.map((p) => [p, { keys: [newPrivateKeyPem()] }])),
  };
}
