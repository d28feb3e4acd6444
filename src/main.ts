// Entry point of the keel binary. `--version` is answered here, before anything
// else is loaded, so that the commonest probe costs only the runtime's own start-up.
import { VERSION } from "./version.ts";

const argv = process.argv.slice(2);

if (argv.length === 1 && (argv[0] === "--version" || argv[0] === "-v" || argv[0] === "-V")) {
  // console.log, not process.stdout.write: Bun builds the Node stream behind
  // process.stdout lazily, and that alone costs more than the rest of start-up.
  console.log(VERSION);
} else if (argv[0] === "__plugin-host" /* HOST_ARG, src/plugins/host/spawn.ts */) {
  // keel re-executed as a plugin host: JSON-RPC on stdio, never a CLI. The server file is
  // imported directly, not through the plugins face, so a host loads no registry or installer.
  const { runHostProcess } = await import("./plugins/host/server.ts");
  process.exitCode = await runHostProcess();
} else {
  const { run } = await import("./cli/index.ts");
  process.exitCode = await run(argv);
}
