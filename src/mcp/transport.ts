// The SDK transport for one expanded server config. A stdio server's stderr is kept (the
// last few KB) instead of reaching keel's terminal, so a server that dies can be named
// with its own last words; its environment is ours plus its `env`, minus BUN_BE_BUN,
// which would turn a compiled keel spawned by a server back into the bun CLI.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import type { WrapCommand } from "../tools/index.ts";
import { type HttpServerConfig, isStdio, type McpServerConfig } from "./config.ts";
import type { Env } from "./expand.ts";

const STDERR_KEEP = 4096;

export interface OpenedTransport {
  transport: Transport;
  /** The tail of the server's stderr (stdio only). */
  stderr(): string;
  /** Settles once the server's stderr has ended (at once for HTTP). */
  stderrEnded(): Promise<void>;
  /** The child's pid once started (stdio only). */
  pid(): number | undefined;
}

export interface TransportOptions {
  env: Env;
  /** Default working directory of a stdio server. */
  cwd: string;
  pluginRoot?: string;
  wrapCommand?: WrapCommand;
}

export async function openTransport(config: McpServerConfig, o: TransportOptions): Promise<OpenedTransport> {
  if (!isStdio(config)) return httpTransport(config);
  const { StdioClientTransport } = await import("@modelcontextprotocol/sdk/client/stdio.js");
  const cwd = resolve(o.pluginRoot ?? o.cwd, config.cwd ?? ".");
  // spawn reports a missing cwd as ENOENT, which reads like a missing command.
  if (!existsSync(cwd)) throw new Error(`its working directory ${cwd} does not exist`);
  const argv = [config.command, ...(config.args ?? [])];
  const [command, ...args] = o.wrapCommand ? await o.wrapCommand(argv, { cwd }) : argv;
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(o.env)) if (v !== undefined && k !== "BUN_BE_BUN") env[k] = v;
  if (o.pluginRoot) env.CLAUDE_PLUGIN_ROOT = o.pluginRoot;
  Object.assign(env, config.env ?? {});
  const transport = new StdioClientTransport({ command: command as string, args, env, cwd, stderr: "pipe" });
  let tail = "";
  const stream = transport.stderr;
  stream?.on("data", (chunk: Buffer) => {
    tail = (tail + chunk.toString("utf8")).slice(-STDERR_KEEP);
  });
  // The child's close can be reported before its last stderr has passed through the pipe.
  const ended = new Promise<void>((resolve) => (stream ? stream.once("end", resolve).once("close", resolve) : resolve()));
  return { transport, stderr: () => tail.trim(), stderrEnded: () => ended, pid: () => transport.pid ?? undefined };
}

async function httpTransport(config: HttpServerConfig): Promise<OpenedTransport> {
  let url: URL;
  try {
    url = new URL(config.url);
  } catch {
    throw new Error(`url "${config.url}" is not a valid URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error(`url "${config.url}" must be http: or https:`);
  const requestInit = config.headers ? { headers: config.headers } : undefined;
  const opts = requestInit ? { requestInit } : {};
  const transport =
    config.type === "sse"
      ? new (await import("@modelcontextprotocol/sdk/client/sse.js")).SSEClientTransport(url, opts)
      : new (await import("@modelcontextprotocol/sdk/client/streamableHttp.js")).StreamableHTTPClientTransport(url, opts);
  return { transport, stderr: () => "", stderrEnded: async () => {}, pid: () => undefined };
}
