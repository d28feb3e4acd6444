// The registry client at catalog scale: 10,000 plugins from 1,000 publishers, built and signed
// by the real builder, served over loopback HTTP from its own process. Budget: refresh (the
// whole TUF chain through tuf-js, the catalog target, the cache commit) plus a search ≤ 300 ms,
// from an empty cache and from a warm one; a fresh compiled process (as one CLI run pays it) is
// reported beside them.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openRegistry, parseRegistryLocation } from "../src/plugins/registry/index.ts";
import { median, report } from "./budget.ts";

const ROOT = join(import.meta.dir, "..");
const PUBLISHERS = 1_000;
const PER_PUBLISHER = 10;
const RUNS = 9;
const WORDS = ["lint", "format", "deploy", "review", "test", "docs", "commit", "search", "refactor", "explain"];

// Built in a child process: the builder's heap (10,000 archives) must not slow the client's GC.
const dir = mkdtempSync(join(tmpdir(), "keel-registry-bench-"));
const builder = `
const { buildRegistry, generateKeys } = await import(${JSON.stringify(join(ROOT, "scripts/registry/index.ts"))});
const WORDS = ${JSON.stringify(WORDS)};
const publishers = Array.from({ length: ${PUBLISHERS} }, (_, i) => "pub-" + i);
const plugins = publishers.flatMap((pub, p) => Array.from({ length: ${PER_PUBLISHER} }, (_, j) => {
  const name = WORDS[j % WORDS.length] + "-" + p + "-" + j;
  return {
    manifest: { name, version: "1.0.0", publisher: pub, description: "Helps you " + WORDS[(p + j) % WORDS.length] + " code faster (" + name + ")",
      engine: ">=0.1.0", capabilities: ["prompt"], contributes: { commands: [{ name, file: "commands/run.md" }] } },
    files: { "commands/run.md": "# " + name + "\\n" },
  };
}));
const t0 = performance.now();
const built = buildRegistry({ outDir: ${JSON.stringify(dir)}, plugins, keys: generateKeys(publishers), bundle: false });
process.stdout.write(JSON.stringify({ plugins: built.plugins.length, ms: performance.now() - t0 }));
`;
const b = Bun.spawnSync([process.execPath, "-e", builder], { stderr: "inherit" });
if (b.exitCode !== 0) throw new Error(`building the bench registry failed (${b.exitCode})`);
const built = JSON.parse(b.stdout.toString()) as { plugins: number; ms: number };
const buildMs = built.ms;

// Served from its own process too, as a CDN would be.
const serverProc = Bun.spawn([process.execPath, join(ROOT, "tests/support/registry/serve.ts"), dir], { stdout: "pipe", stderr: "inherit" });
const reader = serverProc.stdout.getReader();
const url = new TextDecoder().decode((await reader.read()).value).trim();
reader.releaseLock();
const source = parseRegistryLocation(url, "bench");

const cold: number[] = [];
const warm: number[] = [];
const searches: number[] = [];
let hits = 0;
for (let i = 0; i < RUNS; i++) {
  const cache = mkdtempSync(join(tmpdir(), "keel-registry-bench-cache-"));
  const a = performance.now();
  const r = openRegistry({ source, cacheDir: cache });
  await r.refresh();
  hits = (await r.search("deploy 42")).length;
  cold.push(performance.now() - a);

  const b = performance.now();
  const again = openRegistry({ source, cacheDir: cache });
  await again.refresh();
  await again.search("review 7");
  warm.push(performance.now() - b);

  const c = performance.now();
  for (let k = 0; k < 20; k++) await again.search(`${WORDS[k % WORDS.length]} ${k}`);
  searches.push((performance.now() - c) / 20);
  rmSync(cache, { recursive: true, force: true });
}
if (process.env.BENCH_VERBOSE) console.log({ cold: cold.map(Math.round), warm: warm.map(Math.round) });
if (hits === 0) throw new Error("the search found nothing: the bench is not measuring a real catalog");

// What one `keel plugin search` process pays: the same work in a fresh process compiled as
// dist/keel is (bytecode, minified), so module load and a cold JIT are included.
const probeDir = mkdtempSync(join(tmpdir(), "keel-registry-bench-probe-"));
const probeSrc = join(probeDir, "probe.ts");
await Bun.write(
  probeSrc,
  `const t0 = performance.now();
const { openRegistry, parseRegistryLocation } = await import(${JSON.stringify(join(ROOT, "src/plugins/registry/index.ts"))});
const r = openRegistry({ source: parseRegistryLocation(process.argv[2], "bench"), cacheDir: process.argv[3] });
await r.refresh();
const n = (await r.search("deploy 42")).length;
process.stdout.write(JSON.stringify({ ms: performance.now() - t0, n }));`,
);
const probe = join(probeDir, "probe");
const compiled = Bun.spawnSync([process.execPath, "build", "--compile", "--minify", "--bytecode", "--format=esm", `--outfile=${probe}`, probeSrc], { stdout: "ignore", stderr: "inherit" });
if (compiled.exitCode !== 0) throw new Error("compiling the fresh-process probe failed");
const fresh: number[] = [];
for (let i = 0; i < 5; i++) {
  const cache = mkdtempSync(join(tmpdir(), "keel-registry-bench-cache-"));
  const p = Bun.spawnSync([probe, url, cache], { stderr: "inherit" });
  if (p.exitCode !== 0) throw new Error(`fresh-process probe failed (${p.exitCode})`);
  fresh.push((JSON.parse(p.stdout.toString()) as { ms: number }).ms);
  rmSync(cache, { recursive: true, force: true });
}
rmSync(probeDir, { recursive: true, force: true });

const resolveCache = mkdtempSync(join(tmpdir(), "keel-registry-bench-cache-"));
const rr = openRegistry({ source, cacheDir: resolveCache });
await rr.refresh();
const d = performance.now();
await rr.resolve("deploy-500-2");
const resolveMs = performance.now() - d;
// The whole listing checks every row in full (zod), which search and refresh never need.
const e = performance.now();
const listed = (await rr.catalog()).length;
const listMs = performance.now() - e;
if (listed !== built.plugins) throw new Error(`catalog listed ${listed} of ${built.plugins}`);

serverProc.kill();
rmSync(dir, { recursive: true, force: true });
rmSync(resolveCache, { recursive: true, force: true });

const ok = report(`registry client: ${built.plugins} plugins, ${PUBLISHERS} publishers, loopback HTTP (median of ${RUNS})`, [
  { name: "refresh + verify + search, empty cache", value: median(cold), unit: "ms", budget: 300 },
  { name: "refresh + verify + search, warm cache", value: median(warm), unit: "ms", budget: 300 },
  // For scale: a cold JIT roughly doubles the in-process figure and swings most with machine load.
  { name: "the same, a fresh compiled process (cold JIT)", value: median(fresh), unit: "ms" },
  { name: "search alone", value: median(searches), unit: "ms" },
  { name: "resolve through a delegation (cold role)", value: resolveMs, unit: "ms" },
  { name: "catalog(): all 10,000 entries checked in full", value: listMs, unit: "ms" },
  { name: "build and sign the registry (for scale)", value: buildMs, unit: "ms" },
]);
process.exit(ok ? 0 : 1);
