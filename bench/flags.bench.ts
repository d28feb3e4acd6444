// Flags at start-up and in hot paths: resolving the snapshot in a fresh process (local
// sources only, as `keel --help` does; and with a cached remote payload that needs the
// SDK), and reading a flag from the snapshot, which must be a plain property read.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { median, report } from "./budget.ts";

const ROOT = join(import.meta.dir, "..");
const RUNS = 15;

/** Child script: imports the flags domain, then times the first resolution (and a second, warm one). */
const child = (home: string, settings: unknown) => `
const t0 = performance.now();
const { FlagSession } = await import(${JSON.stringify(join(ROOT, "src/flags/index.ts"))});
const t1 = performance.now();
const ctx = { paths: { configDir: ${JSON.stringify(home)}, cacheDir: ${JSON.stringify(join(home, "cache"))}, stateDir: ${JSON.stringify(join(home, "state"))} },
  env: { KEEL_FLAGS: "kairos=true" }, cliFlags: ["dream=true"], settings: ${JSON.stringify(settings)} };
const f = await FlagSession.open(ctx);
const t2 = performance.now();
if (f.snapshot.kairos !== true || f.snapshot.buddy !== true) throw new Error("wrong snapshot");
process.stdout.write(JSON.stringify({ importMs: t1 - t0, resolveMs: t2 - t1 }));
`;

function measure(settings: unknown, prepare: (home: string) => void) {
  const imports: number[] = [];
  const resolves: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const home = mkdtempSync(join(tmpdir(), "keel-flags-bench-"));
    writeFileSync(join(home, "flags.json"), JSON.stringify({ buddy: true }));
    prepare(home);
    const p = Bun.spawnSync([process.execPath, "-e", child(home, settings)], { stderr: "inherit" });
    if (p.exitCode !== 0) throw new Error(`bench child failed (${p.exitCode})`);
    const r = JSON.parse(p.stdout.toString()) as { importMs: number; resolveMs: number };
    imports.push(r.importMs);
    resolves.push(r.resolveMs);
  }
  return { importMs: median(imports), resolveMs: median(resolves) };
}

const local = measure(undefined, () => {});

// A cached remote payload with a targeting rule: the SDK path, still without network.
const remoteSettings = { apiHost: "http://127.0.0.1:9", clientKey: "sdk-bench" };
const withSdk = measure(remoteSettings, (home) => {
  mkdirSync(join(home, "cache"), { recursive: true });
  const payload = { features: { harbor: { defaultValue: false, rules: [{ id: "r1", condition: { platform: process.platform }, force: true }] } } };
  writeFileSync(join(home, "cache", "flags-remote.json"), JSON.stringify({ ...remoteSettings, fetchedAt: Date.now(), sse: false, payload }));
});

// Hot-path reads: the snapshot is a frozen plain object.
const { FlagSession } = await import("../src/flags/index.ts");
const home = mkdtempSync(join(tmpdir(), "keel-flags-bench-"));
const flags = await FlagSession.open({ paths: { configDir: home, cacheDir: home, stateDir: home }, env: {} });
// Two snapshots read alternately (as after a refresh), so the read cannot be hoisted out of the loop.
const snaps = [flags.snapshot, { ...flags.snapshot }] as const;
const N = 20_000_000;
let on = 0;
const t0 = performance.now();
for (let i = 0; i < N; i++) {
  const snap = snaps[i & 1] as typeof flags.snapshot;
  if (snap.kairos) on++;
  if (snap.buddy) on--;
}
const secs = (performance.now() - t0) / 1000;
if (on !== 0) throw new Error("unexpected flag values");
const perSec = (2 * N) / secs;

const ok = report("flags", [
  { name: "start-up resolution, local sources (median)", value: local.resolveMs, unit: "ms", budget: 2 },
  { name: "start-up resolution, cached remote + SDK (median)", value: withSdk.resolveMs, unit: "ms" },
  { name: "import src/flags from source (median, scale)", value: local.importMs, unit: "ms" },
  { name: "snapshot lookups", value: Math.round(perSec / 1e6), unit: "M/s", budget: 5, atLeast: true },
]);
process.exit(ok ? 0 : 1);
