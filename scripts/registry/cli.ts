// `npm run registry:build`: signs every plugin of plugins/ into registry/.
//   --keys <dir>    production keys (or KEEL_REGISTRY_KEYS); default: the DEVELOPMENT-ONLY keys
//   --out <dir>     default registry/ (its previous build decides the next versions)
//   --plugins <dir> default plugins/
//   --previous-root-keys <dir>  the old root keys, when the root keys change (a rotation)
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { buildRegistry, DEV_KEYS_DIR, loadKeys, pluginDirs } from "./index.ts";

const root = resolve(import.meta.dir, "../..");
const { values } = parseArgs({
  options: {
    keys: { type: "string" },
    out: { type: "string", default: join(root, "registry") },
    plugins: { type: "string", default: join(root, "plugins") },
    "previous-root-keys": { type: "string" },
  },
});

const keysDir = values.keys ?? process.env.KEEL_REGISTRY_KEYS ?? DEV_KEYS_DIR;
const development = resolve(keysDir) === resolve(DEV_KEYS_DIR);
try {
  const dirs = pluginDirs(values.plugins);
  const oldRoot = values["previous-root-keys"];
  const result = buildRegistry({
    outDir: values.out,
    plugins: dirs.map((dir) => ({ dir })),
    keys: loadKeys(keysDir),
    previous: values.out,
    ...(oldRoot ? { previousRootKeys: readdirSync(oldRoot).filter((f) => /root(\.\d+)?\.pem$/.test(f)).map((f) => readFileSync(join(oldRoot, f), "utf8")) } : {}),
  });
  const v = result.versions;
  console.log(`registry ${values.out}: ${result.plugins.length} plugin(s) (${result.plugins.map((p) => `${p.custom.name}@${p.custom.version}`).join(", ")})`);
  console.log(`  root v${v.root}, targets v${v.targets}, snapshot v${v.snapshot}, timestamp v${v.timestamp}; ${result.files.length} files`);
  if (development) console.log("  signed with the DEVELOPMENT-ONLY keys in scripts/registry/dev-keys (pass --keys or KEEL_REGISTRY_KEYS for a release)");
} catch (e) {
  console.error(`registry:build failed: ${(e as Error).message}`);
  process.exit(1);
}
