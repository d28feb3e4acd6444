// Starting a session's MCP servers: all in parallel, each under one deadline (MCP_TIMEOUT,
// as Claude Code reads it). A server that cannot start, or does not answer in time, is
// reported and left out; the others serve their tools. close() ends every server —
// stdio children included — so a session leaves no process behind.
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { VERSION } from "../version.ts";
import type { Tool, WrapCommand } from "../tools/index.ts";
import { isStdio, type McpServerSpec } from "./config.ts";
import { type Env, expandConfig } from "./expand.ts";
import { MAX_TOOL_NAME } from "./names.ts";
import { DEFAULT_MAX_OUTPUT_CHARS, type McpCallResult } from "./result.ts";
import { type ListedTool, mcpTool, type ServerLink } from "./tool.ts";
import { openTransport, type OpenedTransport } from "./transport.ts";

export const DEFAULT_CONNECT_TIMEOUT_MS = 30_000;
/** A tool call may legitimately run long (a build, a crawl); progress notifications extend it. */
export const DEFAULT_TOOL_TIMEOUT_MS = 30 * 60_000;
const MAX_LIST_PAGES = 50;
const TERMINATE_WAIT_MS = 1000;
/** How long a failed start waits for the rest of the server's stderr, which names the cause. */
const STDERR_WAIT_MS = 200;

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

export interface ServerStatus {
  name: string;
  source: string;
  transport: "stdio" | "http" | "sse";
  /** Live: "failed" once a server that started stops. */
  readonly status: "connected" | "failed";
  readonly error?: string | undefined;
  toolCount: number;
  /** Namespaced names of the tools it serves, in its own order. */
  tools: string[];
  /** The stdio child's pid while it runs. */
  pid?: number;
}

export interface McpConnection {
  /** Every connected server's tools: specs in order, each server's tools in its order. */
  readonly tools: Tool[];
  readonly servers: ServerStatus[];
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** Per server, for start-up and tools/list together; default MCP_TIMEOUT or 30 s. */
  timeoutMs?: number;
  /** Per tool call; default MCP_TOOL_TIMEOUT or 30 min. */
  toolTimeoutMs?: number;
  /** Warnings for the person: a server that failed, a tool left out, a server that died. */
  notify?(line: string): void;
  /** Rewrites stdio argv (e.g. into the sandbox) for specs without their own. */
  wrapCommand?: WrapCommand;
  signal?: AbortSignal;
  /** Expansion of ${VAR} and the base of a stdio child's environment; default process.env. */
  env?: Env;
  /** Default working directory of stdio servers; default process.cwd(). */
  cwd?: string;
}

const positive = (v: string | undefined) => (v && Number(v) > 0 ? Number(v) : undefined);

export async function connectMcpServers(specs: readonly McpServerSpec[], o: ConnectOptions = {}): Promise<McpConnection> {
  const env = o.env ?? process.env;
  const timeoutMs = o.timeoutMs ?? positive(env.MCP_TIMEOUT) ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const toolTimeoutMs = o.toolTimeoutMs ?? positive(env.MCP_TOOL_TIMEOUT) ?? DEFAULT_TOOL_TIMEOUT_MS;
  const maxOutputChars = (positive(env.MAX_MCP_OUTPUT_TOKENS) ?? 0) * 4 || DEFAULT_MAX_OUTPUT_CHARS;
  const notify = o.notify ?? (() => {});
  const live = await Promise.all(specs.map((spec) => startServer(spec, { ...o, env, timeoutMs, toolTimeoutMs, notify })));

  const tools: Tool[] = [];
  const seen = new Set<string>();
  const servers: ServerStatus[] = live.map((s) => {
    const names: string[] = [];
    for (const listed of s.listed) {
      const tool = mcpTool(s.link, listed, { maxOutputChars });
      if (tool.name.length > MAX_TOOL_NAME) notify(`MCP server "${s.spec.name}": tool ${tool.name} left out: the name is longer than ${MAX_TOOL_NAME} characters`);
      else if (seen.has(tool.name)) notify(`MCP server "${s.spec.name}": tool ${tool.name} left out: another tool already has that name`);
      else {
        seen.add(tool.name);
        tools.push(tool as Tool);
        names.push(tool.name);
      }
    }
    const pid = s.opened?.pid();
    // Live: a server that stops mid-session reads as failed from then on.
    return {
      name: s.spec.name,
      source: s.spec.source,
      transport: s.spec.config.type ?? "stdio",
      get status() {
        return s.link.deadReason() === undefined ? ("connected" as const) : ("failed" as const);
      },
      get error() {
        return s.link.deadReason();
      },
      toolCount: names.length,
      tools: names,
      ...(pid !== undefined && s.error === undefined ? { pid } : {}),
    };
  });

  let closing: Promise<void> | undefined;
  return {
    tools,
    servers,
    close: () => (closing ??= Promise.all(live.map((s) => s.close())).then(() => undefined)),
  };
}

interface Started {
  spec: McpServerSpec;
  link: ServerLink;
  listed: ListedTool[];
  opened?: OpenedTransport;
  error?: string;
  close(): Promise<void>;
}

type StartOptions = ConnectOptions & { env: Env; timeoutMs: number; toolTimeoutMs: number; notify(line: string): void };

async function startServer(spec: McpServerSpec, o: StartOptions): Promise<Started> {
  let dead: string | undefined;
  let closing = false;
  let client: Client | undefined;
  let opened: OpenedTransport | undefined;
  const link: ServerLink = {
    name: spec.name,
    deadReason: () => dead,
    stderr: () => opened?.stderr() ?? "",
    async call(tool, args, signal) {
      if (!client) throw new Error("not connected");
      return (await client.callTool({ name: tool, arguments: args }, undefined, {
        signal,
        timeout: o.toolTimeoutMs,
        resetTimeoutOnProgress: true,
        onprogress: () => {},
      })) as McpCallResult;
    },
  };
  const close = async () => {
    if (closing) return;
    closing = true;
    // A streamable HTTP server keeps a session per client until told it is over (bounded: it may be gone).
    const t = opened?.transport as { terminateSession?: () => Promise<void>; sessionId?: string } | undefined;
    if (!dead && t?.terminateSession && t.sessionId) await Promise.race([t.terminateSession().catch(() => undefined), delay(TERMINATE_WAIT_MS)]);
    await client?.close().catch(() => undefined);
  };
  const fail = async (error: string): Promise<Started> => {
    dead = error;
    await close();
    o.notify(`MCP server "${spec.name}" (${spec.source}) did not start: ${error}; the session goes on without it`);
    return { spec, link, listed: [], ...(opened ? { opened } : {}), error, close };
  };

  const env = spec.pluginRoot ? { ...o.env, CLAUDE_PLUGIN_ROOT: spec.pluginRoot } : o.env;
  const { config, missing } = expandConfig(spec.config, env);
  if (missing.length) return fail(`environment variable ${missing.join(", ")} is not set (set it, or write \${VAR:-default})`);
  const wrapCommand = spec.wrapCommand ?? o.wrapCommand;
  try {
    opened = await openTransport(config, {
      env: o.env,
      cwd: o.cwd ?? process.cwd(),
      ...(spec.pluginRoot ? { pluginRoot: spec.pluginRoot } : {}),
      ...(wrapCommand ? { wrapCommand } : {}),
    });
  } catch (e) {
    return fail((e as Error).message);
  }

  const { Client } = await import("@modelcontextprotocol/sdk/client/index.js");
  client = new Client({ name: "keel", version: VERSION }, { capabilities: {} });
  // One deadline for start-up and listing; the outer signal (an interrupt) ends it too.
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new Error(`no answer within ${o.timeoutMs} ms (MCP_TIMEOUT raises the limit)`)), o.timeoutMs);
  const onAbort = () => deadline.abort(new Error("interrupted"));
  o.signal?.addEventListener("abort", onAbort, { once: true });
  let listed: ListedTool[];
  try {
    const req = { signal: deadline.signal, timeout: o.timeoutMs };
    await client.connect(opened.transport, req);
    listed = client.getServerCapabilities()?.tools ? await listTools(client, req) : [];
  } catch (e) {
    await Promise.race([opened.stderrEnded(), delay(STDERR_WAIT_MS)]);
    return fail(startError(e, isStdio(config) ? config.command : undefined, opened.stderr()));
  } finally {
    clearTimeout(timer);
    o.signal?.removeEventListener("abort", onAbort);
  }
  // From here on a closed transport means the server went away mid-session.
  const started = opened;
  client.onclose = () => {
    if (closing || dead) return;
    dead = "it stopped";
    void Promise.race([started.stderrEnded(), delay(STDERR_WAIT_MS)]).then(() => {
      const err = started.stderr();
      if (err && dead === "it stopped") dead = `it stopped; its last stderr: ${lastLine(err)}`;
    });
    o.notify(`MCP server "${spec.name}" stopped; its tools now return errors for the rest of the session`);
  };
  return { spec, link, listed, opened, close };
}

async function listTools(client: Client, req: { signal: AbortSignal; timeout: number }): Promise<ListedTool[]> {
  const out: ListedTool[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_LIST_PAGES; page++) {
    const r = await client.listTools(cursor ? { cursor } : undefined, req);
    out.push(...(r.tools as ListedTool[]));
    cursor = r.nextCursor;
    if (!cursor) break;
  }
  return out;
}

function startError(e: unknown, command: string | undefined, stderr: string): string {
  const err = e as NodeJS.ErrnoException;
  if (err?.code === "ENOENT" && command) return `command "${command}" was not found (is it installed and on PATH?)`;
  if (err?.code === "EACCES" && command) return `command "${command}" is not executable`;
  let msg = err instanceof Error ? err.message : String(e);
  if (command && /Connection closed/.test(msg)) msg = "it exited (or closed its stdout) before answering";
  return stderr ? `${msg}; its stderr: ${lastLine(stderr)}` : msg;
}

const lastLine = (s: string) => {
  const lines = s.trim().split("\n").filter(Boolean);
  return (lines.slice(-3).join(" | ") || s).slice(-500);
};

