// Installing a 1 MB plugin (40 files of incompressible text) from a real signed registry in a
// temp dir: resolve through the publisher's delegation, download, check length and hash,
// unpack and verify in memory, write the store tree and switch the lockfile. The registry is
// refreshed once first, as every `keel plugin` command does; that step, and the tree check the
// runtime makes before loading the plugin, are reported for scale.
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { applySigned, checkInstalled, planSigned, pluginPaths } from "../src/plugins/index.ts";
import { openRegistry, parseRegistryLocation } from "../src/plugins/registry/index.ts";
import { makeRegistry, samplePlugin } from "../tests/support/registry/fixture.ts";
import { median, percentile, report } from "./budget.ts";

const RUNS = 15;
const files: Record<string, string> = { "commands/big.md": "# /big\n" };
for (let i = 0; i < 40; i++) files[`data/part-${String(i).padStart(2, "0")}.txt`] = randomBytes(19_600).toString("base64").slice(0, 26_200);
const fx = makeRegistry({ plugins: [samplePlugin("big", { files })] });
const bytes = Object.values(files).reduce((n, s) => n + s.length, 0);

const installs: number[] = [];
const refreshes: number[] = [];
const checks: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const base = mkdtempSync(join(tmpdir(), "keel-install-bench-"));
  const paths = pluginPaths({ stateDir: join(base, "state"), cacheDir: join(base, "cache") });
  const registry = openRegistry({ source: parseRegistryLocation(fx.dir, "bench"), cacheDir: paths.metadataCache });
  const t0 = performance.now();
  await registry.refresh();
  const t1 = performance.now();
  const plan = await planSigned(registry, paths, "big");
  const entry = await applySigned(registry, paths, plan);
  const t2 = performance.now();
  const ok = checkInstalled(entry, paths).ok;
  checks.push(performance.now() - t2);
  if (!ok || entry.files.length !== 42) throw new Error("bench install did not verify");
  refreshes.push(t1 - t0);
  installs.push(t2 - t1);
}

const ok = report(`plugin install (${(bytes / 1024 / 1024).toFixed(2)} MiB in ${Object.keys(files).length + 1} files, ${RUNS} runs)`, [
  { name: "install 1 MB: resolve…lock (median)", value: median(installs), unit: "ms", budget: 150 },
  { name: "install p90", value: percentile(installs, 90), unit: "ms" },
  { name: "registry refresh first (median, scale)", value: median(refreshes), unit: "ms" },
  { name: "checkInstalled at load (median, scale)", value: median(checks), unit: "ms" },
]);
process.exit(ok ? 0 : 1);
