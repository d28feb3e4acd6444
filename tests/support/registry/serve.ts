// Serves a registry directory over loopback HTTP from its own process, for manual runs and
// for benches (so the server never shares an event loop with the client being measured):
//   bun tests/support/registry/serve.ts <dir> [port]   → prints the URL, serves until killed
import { serveDir } from "./static-server.ts";

const [dir, port] = process.argv.slice(2);
if (!dir) {
  console.error("usage: bun tests/support/registry/serve.ts <registry dir> [port]");
  process.exit(2);
}
const server = serveDir(dir, port ? Number(port) : 0);
console.log(server.url);
