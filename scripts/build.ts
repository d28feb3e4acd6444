// Compiles dist/keel: one self-contained binary that reads nothing from the source
// tree at run time. Usage: bun scripts/build.ts [--target bun-linux-arm64] [--outfile F]
import { parseArgs } from "node:util";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dir, "..");
const { values } = parseArgs({
  options: {
    target: { type: "string" },
    outfile: { type: "string", default: join(root, "dist", "keel") },
    "no-bytecode": { type: "boolean", default: false },
  },
});

const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };
const commit = Bun.spawnSync(["git", "rev-parse", "--short", "HEAD"], { cwd: root }).stdout.toString().trim();
const version = commit ? `${pkg.version}+${commit}` : pkg.version;

const args = [
  "build",
  "--compile",
  "--minify",
  "--sourcemap",
  "--format=esm",
  ...(values["no-bytecode"] ? [] : ["--bytecode"]),
  `--define=KEEL_VERSION=${JSON.stringify(version)}`,
  ...(values.target ? [`--target=${values.target}`] : []),
  `--outfile=${values.outfile}`,
  join(root, "src", "main.ts"),
];

const started = performance.now();
const proc = Bun.spawnSync([process.execPath, ...args], { cwd: root, stdout: "inherit", stderr: "inherit" });
if (proc.exitCode !== 0) {
  console.error(`build failed (bun build exited ${proc.exitCode})`);
  process.exit(proc.exitCode ?? 1);
}
console.log(`built ${values.outfile} (keel ${version}) in ${Math.round(performance.now() - started)} ms`);
