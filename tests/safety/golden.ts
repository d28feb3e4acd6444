// The recorded outcome of the bash analysis for every corpus command and every long input:
// verdict and fired check ids readable, the whole analysis (sub-commands, details, indices)
// as a hash. golden.test.ts holds the analysis to it, so a speed-up cannot change a result.
// After a deliberate change to the checks, regenerate:
//   npx bun tests/safety/golden.ts --write            (from src/, the current analysis)
//   npx bun tests/safety/golden.ts --write --from DIR (from another copy of src/safety/bash)
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { HOSTILE } from "./corpus/hostile.ts";
import { deepShells, deepSubstitution, longCommands } from "./corpus/long.ts";
import { ORDINARY } from "./corpus/ordinary.ts";

export interface GoldenEntry {
  name: string;
  network: boolean;
  /** sha256 of the command text, so a changed input is told apart from a changed result. */
  input: string;
  verdict: string;
  checks: string[];
  /** sha256 of the whole analysis as JSON. */
  analysis: string;
}

export const GOLDEN_FILE = join(import.meta.dir, "corpus", "golden.json");

/** Every input with a stable name. */
export function goldenInputs(): Array<{ name: string; command: string; network: boolean }> {
  const out: Array<{ name: string; command: string; network: boolean }> = [];
  for (const network of [false, true]) {
    HOSTILE.forEach(([command], i) => out.push({ name: `hostile[${i}]`, command, network }));
    ORDINARY.forEach((command, i) => out.push({ name: `ordinary[${i}]`, command, network }));
  }
  for (const size of [1024, 2048, 4096, 10240]) {
    for (let seed = 0; seed < 3; seed++) {
      for (const [command, , shape] of longCommands(size, seed)) out.push({ name: `${shape} ${size} #${seed}`, command, network: false });
    }
  }
  for (const depth of [1, 2, 3, 4, 6, 10, 40]) out.push({ name: `deep-substitution ${depth}`, command: deepSubstitution(depth), network: false });
  for (const depth of [1, 2, 3, 4, 5]) out.push({ name: `deep-shells ${depth}`, command: deepShells(depth), network: false });
  return out;
}

const sha = (s: string) => createHash("sha256").update(s).digest("hex").slice(0, 16);

type Analysis = { verdict: string; checks: { id: string }[] };
type Analyze = (command: string, opts: { network: boolean }) => Analysis | Promise<Analysis>;

export async function goldenOf(analyze: Analyze): Promise<GoldenEntry[]> {
  const out: GoldenEntry[] = [];
  for (const { name, command, network } of goldenInputs()) {
    const a = await analyze(command, { network });
    out.push({ name, network, input: sha(command), verdict: a.verdict, checks: a.checks.map((c) => c.id), analysis: sha(JSON.stringify(a)) });
  }
  return out;
}

if (import.meta.main) {
  const args = process.argv.slice(2);
  const from = args.includes("--from") ? resolve(args[args.indexOf("--from") + 1] as string, "index.ts") : join(import.meta.dir, "../../src/safety/bash/index.ts");
  const { analyzeBash } = (await import(from)) as { analyzeBash: Analyze };
  const golden = await goldenOf(analyzeBash);
  if (args.includes("--write")) {
    writeFileSync(GOLDEN_FILE, `[\n${golden.map((g) => JSON.stringify(g)).join(",\n")}\n]\n`);
    console.log(`wrote ${golden.length} entries to ${GOLDEN_FILE} (from ${from})`);
  } else console.log(`${golden.length} entries (dry run; --write to save)`);
}
