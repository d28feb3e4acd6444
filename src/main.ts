// Entry point of the keel binary. `--version` is answered here, before anything
// else is loaded, so that the commonest probe costs only the runtime's own start-up.
import { VERSION } from "./version.ts";

const argv = process.argv.slice(2);

if (argv.length === 1 && (argv[0] === "--version" || argv[0] === "-v" || argv[0] === "-V")) {
  // console.log, not process.stdout.write: Bun builds the Node stream behind
  // process.stdout lazily, and that alone costs more than the rest of start-up.
  console.log(VERSION);
} else {
  const { run } = await import("./cli/index.ts");
  process.exitCode = await run(argv);
}
