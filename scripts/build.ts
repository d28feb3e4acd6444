// Compiles dist/keel: one self-contained binary that reads nothing from the source
// tree at run time. Usage: bun scripts/build.ts [--target bun-linux-arm64] [--outfile F]
import { parseArgs } from "node:util";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";

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
  // Split chunks: `--version` maps only the tiny entry chunk, not the whole bundle
  // (peak RSS 33 MB, the hello-world floor, against 40 MB unsplit; bench/startup).
  "--splitting",
  ...(values["no-bytecode"] ? [] : ["--bytecode"]),
  `--define=KEEL_VERSION=${JSON.stringify(version)}`,
  // bun build leaves NODE_ENV "development" unless told: React and Ink would run their
  // development builds (checks and component logging on every render) in the product.
  '--define=process.env.NODE_ENV="production"',
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
// The source map is embedded in the binary (stack traces name src/ files); the .map files
// Bun also writes beside it are redundant, and the product is the one file.
const outDir = dirname(values.outfile);
for (const f of readdirSync(outDir)) if (f.endsWith(".map")) rmSync(join(outDir, f));
console.log(`built ${values.outfile} (keel ${version}) in ${Math.round(performance.now() - started)} ms`);
