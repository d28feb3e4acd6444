// `npm run bench`: runs every bench/*.bench.ts (or those named on the command line)
// as its own process, so one bench's memory never colours another's numbers.
// Each bench prints its results beside its budgets and exits 1 if a budget is missed.
import { readdirSync } from "node:fs";
import { join } from "node:path";

const dir = import.meta.dir;
const wanted = process.argv.slice(2);
const benches = readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)))
  .sort();

const missed: string[] = [];
for (const file of benches) {
  process.stdout.write(`\n### ${file}\n`);
  // What ships: dist/keel is built with NODE_ENV=production (scripts/build.ts), so React and
  // Ink run their production builds in a bench too.
  const proc = Bun.spawnSync([process.execPath, join(dir, file)], { stdout: "inherit", stderr: "inherit", env: { ...process.env, NODE_ENV: "production" } });
  if (proc.exitCode !== 0) missed.push(file);
}
process.stdout.write(`\n${benches.length - missed.length}/${benches.length} benches within budget${missed.length ? `; over: ${missed.join(", ")}` : ""}\n`);
process.exit(missed.length ? 1 : 0);
