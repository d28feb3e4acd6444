// The plugin host process: the keel binary re-executed with `__plugin-host`. It imports one
// plugin's host modules from disk and serves HOST_METHODS over stdin/stdout. Requests run
// concurrently; a throwing plugin function becomes a JSON-RPC error, never a dead host.
import { pathToFileURL } from "node:url";
import { HOST_METHODS, WidgetEvent } from "../contracts.ts";
import { encode, InitParams, type InitResult, LineSplitter, RPC_ERRORS, RpcRequest } from "./protocol.ts";

type Fn = (...args: unknown[]) => unknown;
interface ModuleTool {
  name: string;
  description?: string;
  inputSchema?: unknown;
  run: Fn;
}
interface ModuleWidget {
  frames: Fn;
  react?: Fn;
}

interface Loaded {
  ctx: { pluginRoot: string; installId: string; cwd: string };
  tools: Map<string, ModuleTool>;
  hooks: Map<string, Fn>;
  widgets: Map<string, ModuleWidget>;
  calls: Map<string, Fn>;
}

class RpcFailure extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

const isFn = (v: unknown): v is Fn => typeof v === "function";

async function load(p: InitParams): Promise<Loaded> {
  const out: Loaded = { ctx: { pluginRoot: p.pluginRoot, installId: p.installId, cwd: p.cwd }, tools: new Map(), hooks: new Map(), widgets: new Map(), calls: new Map() };
  for (const path of p.modules) {
    let mod: Record<string, unknown>;
    try {
      mod = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
    } catch (e) {
      throw new RpcFailure(RPC_ERRORS.pluginThrew, `plugin ${p.plugin}: host module ${path} failed to load: ${(e as Error).message}`);
    }
    for (const t of Array.isArray(mod.tools) ? (mod.tools as ModuleTool[]) : []) if (t && typeof t.name === "string" && isFn(t.run)) out.tools.set(t.name, t);
    for (const [k, v] of Object.entries((mod.hooks as Record<string, unknown>) ?? {})) if (isFn(v)) out.hooks.set(k, v);
    for (const [k, v] of Object.entries((mod.widgets as Record<string, ModuleWidget>) ?? {})) if (v && isFn(v.frames)) out.widgets.set(k, v);
    for (const [k, v] of Object.entries((mod.calls as Record<string, unknown>) ?? {})) if (isFn(v)) out.calls.set(k, v);
  }
  return out;
}

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === "object" ? (v as Record<string, unknown>) : {});

function pick<T>(map: Map<string, T>, name: unknown, what: string): T {
  const found = typeof name === "string" ? map.get(name) : undefined;
  if (!found) throw new RpcFailure(RPC_ERRORS.invalidParams, `no ${what} named ${JSON.stringify(name)} (has: ${[...map.keys()].join(", ") || "none"})`);
  return found;
}

/** Runs plugin code; what it throws is reported as the plugin's failure, with its own message. */
async function guarded<T>(what: string, body: () => T | Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (e) {
    if (e instanceof RpcFailure) throw e;
    throw new RpcFailure(RPC_ERRORS.pluginThrew, `${what} threw: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export interface HostIo {
  input: AsyncIterable<Uint8Array | string>;
  write(line: string): void;
}

/** Serves until stdin closes or `shutdown` arrives. */
export async function serveHost(io: HostIo): Promise<void> {
  let loaded: Promise<Loaded> | undefined;
  const need = () => {
    if (!loaded) throw new RpcFailure(RPC_ERRORS.invalidRequest, "the host was not initialized");
    return loaded;
  };

  async function handle(method: string, params: Record<string, unknown>): Promise<unknown> {
    switch (method) {
      case HOST_METHODS.initialize: {
        const p = InitParams.safeParse(params);
        if (!p.success) throw new RpcFailure(RPC_ERRORS.invalidParams, `initialize: ${p.error.issues[0]?.message}`);
        loaded = load(p.data);
        const l = await loaded;
        const result: InitResult = {
          tools: [...l.tools.values()].map((t) => ({ name: t.name, ...(t.description ? { description: t.description } : {}), ...(t.inputSchema ? { inputSchema: t.inputSchema } : {}) })),
          hooks: [...l.hooks.keys()],
          widgets: [...l.widgets.keys()],
          calls: [...l.calls.keys()],
        };
        return result;
      }
      case HOST_METHODS.toolsList:
        return [...(await need()).tools.values()].map((t) => ({ name: t.name, description: t.description, inputSchema: t.inputSchema }));
      case HOST_METHODS.toolsCall: {
        const l = await need();
        const tool = pick(l.tools, params.name, "tool");
        const r = await guarded(`tool ${tool.name}`, () => tool.run(params.input ?? {}, l.ctx));
        if (typeof r === "string") return { content: r, isError: false };
        const o = obj(r);
        return { content: typeof o.content === "string" ? o.content : JSON.stringify(r ?? null), isError: o.isError === true };
      }
      case HOST_METHODS.hookCall: {
        const l = await need();
        const fn = pick(l.hooks, params.name, "hook function");
        return (await guarded(`hook function ${String(params.name)}`, () => fn(params.payload, l.ctx))) ?? null;
      }
      case HOST_METHODS.widgetFrames: {
        const l = await need();
        const w = pick(l.widgets, params.id, "widget");
        const frames = await guarded(`widget ${String(params.id)} frames`, () => w.frames(l.ctx));
        if (!Array.isArray(frames) || !frames.every((f) => Array.isArray(f) && f.every((line) => typeof line === "string"))) {
          throw new RpcFailure(RPC_ERRORS.pluginThrew, `widget ${String(params.id)}: frames() must return string[][] (frames of lines)`);
        }
        return frames;
      }
      case HOST_METHODS.widgetReact: {
        const l = await need();
        const w = pick(l.widgets, params.id, "widget");
        const ev = WidgetEvent.safeParse(params.event);
        if (!ev.success) throw new RpcFailure(RPC_ERRORS.invalidParams, `widget/react: event: ${ev.error.issues[0]?.message}`);
        const line = w.react ? await guarded(`widget ${String(params.id)} react`, () => w.react?.(ev.data, l.ctx)) : undefined;
        return typeof line === "string" ? line : null;
      }
      case HOST_METHODS.call: {
        const l = await need();
        const fn = pick(l.calls, params.name, "call");
        return (await guarded(`call ${String(params.name)}`, () => fn(params.params, l.ctx))) ?? null;
      }
      case HOST_METHODS.shutdown:
        return null;
      default:
        throw new RpcFailure(RPC_ERRORS.methodNotFound, `unknown method ${method}`);
    }
  }

  const lines = new LineSplitter();
  const pending = new Set<Promise<void>>();
  let stop = false;
  for await (const chunk of io.input) {
    for (const line of lines.feed(chunk)) {
      let req: RpcRequest;
      try {
        const r = RpcRequest.safeParse(JSON.parse(line));
        if (!r.success) throw new Error(r.error.issues[0]?.message);
        req = r.data;
      } catch (e) {
        io.write(encode({ jsonrpc: "2.0", id: -1, error: { code: RPC_ERRORS.parse, message: `not a JSON-RPC request: ${(e as Error).message}` } }));
        continue;
      }
      if (req.method === HOST_METHODS.shutdown) stop = true;
      // Not awaited: a slow tool must not hold up a widget frame or a hook.
      const done: Promise<void> = handle(req.method, obj(req.params)).then(
        (result) => io.write(encode({ jsonrpc: "2.0", id: req.id, result: result ?? null })),
        (e: unknown) => {
          const code = e instanceof RpcFailure ? e.code : RPC_ERRORS.pluginThrew;
          io.write(encode({ jsonrpc: "2.0", id: req.id, error: { code, message: (e as Error)?.message ?? String(e) } }));
        },
      );
      pending.add(done);
      void done.finally(() => pending.delete(done));
    }
    if (stop) break;
  }
  await Promise.all(pending);
}

/**
 * The `__plugin-host` entry: stdout carries the protocol only, so plugin output goes to stderr.
 * Each message starts on a fresh line too: whatever still reaches fd 1 without a newline
 * (Bun.write(Bun.stdout, …)) becomes a line of its own, skipped by keel, and cannot swallow an answer.
 */
export async function runHostProcess(): Promise<number> {
  const toKeel = process.stdout.write.bind(process.stdout) as (s: string, cb?: () => void) => boolean;
  process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write;
  console.log = console.error;
  console.info = console.error;
  console.debug = console.error;
  await serveHost({ input: Bun.stdin.stream(), write: (line) => void toKeel(`\n${line}`) });
  await new Promise<void>((resolve) => toKeel("", () => resolve()));
  // A plugin's own timers must not keep a host alive once keel has gone.
  process.exit(0);
}
