// Standalone fake Anthropic API for benches and terminal-UI tests that run the compiled binary:
//   npx bun tests/support/anthropic/cli.ts [--port N] [--script file.json] [--api-key K]
//     [--min-cache-tokens N] [--context-window N]
// Prints its base URL as the first stdout line, then one JSON line per finished request on
// stderr when --verbose is given. Stops cleanly on SIGINT/SIGTERM.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { loadScript } from "./script.ts";
import { startAnthropicServer } from "./server.ts";

function fail(message: string): never {
  process.stderr.write(`anthropic-server: ${message}\n`);
  process.exit(2);
}

function int(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) fail(`--${name} must be a non-negative integer, got "${value}"`);
  return n;
}

let args;
try {
  args = parseArgs({
    options: {
      port: { type: "string" },
      script: { type: "string" },
      "api-key": { type: "string" },
      "min-cache-tokens": { type: "string" },
      "context-window": { type: "string" },
      verbose: { type: "boolean" },
    },
    strict: true,
  }).values;
} catch (error) {
  fail((error as Error).message);
}

let script: ReturnType<typeof loadScript> = { replies: [], respond: undefined };
if (args.script) {
  let text: string;
  try {
    text = readFileSync(args.script, "utf8");
  } catch (error) {
    fail(`cannot read --script ${args.script}: ${(error as Error).message}`);
  }
  try {
    script = loadScript(text, args.script);
  } catch (error) {
    fail((error as Error).message);
  }
} else {
  script = loadScript("[]", "(default)");
}

const server = await startAnthropicServer({
  port: int("port", args.port) ?? 0,
  ...(args["api-key"] !== undefined ? { apiKey: args["api-key"] } : {}),
  ...(script.respond ? { respond: script.respond } : {}),
  ...(args["min-cache-tokens"] !== undefined ? { minCacheableTokens: int("min-cache-tokens", args["min-cache-tokens"]) } : {}),
  ...(args["context-window"] !== undefined ? { contextWindow: int("context-window", args["context-window"]) } : {}),
});
server.enqueue(...script.replies);
process.stdout.write(`${server.url}\n`);

if (args.verbose) {
  let seen = 0;
  setInterval(() => {
    for (; seen < server.requests.length; seen++) {
      const r = server.requests[seen]!;
      void r.done.then(() =>
        process.stderr.write(`${JSON.stringify({ index: r.index, path: r.path, status: r.status, kind: r.replyKind, usage: r.usage })}\n`),
      );
    }
  }, 50);
}

const stop = async () => {
  await server.close();
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
