// The whole check, as CI runs it: type-check, build the binary the e2e tests drive,
// run bun test with a JUnit report, and close with a count read from that report.
// Usage: bun scripts/test.ts [bun test args, e.g. a path filter]
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { formatFailures, readCounts, readFailures } from "./junit.ts";

const root = join(import.meta.dir, "..");
const bun = process.execPath;
const extra = process.argv.slice(2);

function step(label: string, cmd: string[]): number {
  process.stderr.write(`\n== ${label}\n`);
  const started = performance.now();
  const proc = Bun.spawnSync(cmd, { cwd: root, stdout: "inherit", stderr: "inherit", env: process.env });
  process.stderr.write(`== ${label}: exit ${proc.exitCode} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  return proc.exitCode ?? 1;
}

if (step("typecheck", [join(root, "node_modules", ".bin", "tsc"), "-p", root]) !== 0) process.exit(1);
if (step("build", [bun, join(root, "scripts", "build.ts")]) !== 0) process.exit(1);

const outDir = join(root, ".tmp");
mkdirSync(outDir, { recursive: true });
const junit = join(outDir, "junit.xml");
// 30 s per test: e2e cases spawn the binary, tmux and servers, and CI machines are slow at times.
const testExit = step("bun test", [bun, "test", "--timeout=30000", "--reporter=junit", `--reporter-outfile=${junit}`, ...extra]);

// Count from the runner's own report, never from our own bookkeeping.
let xml = "";
try {
  xml = readFileSync(junit, "utf8");
} catch {
  console.error(`no JUnit report at ${junit}: the test runner did not finish`);
  process.exit(1);
}
const counts = readCounts(xml);
if (!counts) {
  console.error(`could not read test counts from ${junit}`);
  process.exit(1);
}
const { total, failed, skipped } = counts;
// The end of a CI log is often all that is kept of it: say there what failed, and why.
const failures = readFailures(xml);
if (failures.length) console.log(`\n${formatFailures(failures)}\n`);
const passed = total - failed - skipped;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(testExit !== 0 || failed > 0 || total === 0 ? 1 : 0);
