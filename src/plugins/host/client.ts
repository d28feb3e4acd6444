// keel's side of one plugin host: started on the first request (never before), requests
// matched to answers by id under a timeout, every pending call rejected with a clear error
// when the host dies, and a restart on the next request after a backoff — until too many
// crashes in a window, when the host is given up for the session with one notice.
import { HOST_METHODS } from "../contracts.ts";
import { encode, type InitParams, type InitResult, LineSplitter, RpcResponse } from "./protocol.ts";

export interface HostCommand {
  argv: string[];
  env: Record<string, string>;
  cwd: string;
}

export interface Backoff {
  /** First restart delay; doubles per crash in the window, capped at maxMs. */
  baseMs: number;
  maxMs: number;
  /** This many crashes within windowMs and the host is given up. */
  maxCrashes: number;
  windowMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { baseMs: 500, maxMs: 8_000, maxCrashes: 5, windowMs: 60_000 };
export const DEFAULT_TIMEOUT_MS = 60_000;
const STDERR_LINE_MAX = 500;

export interface HostOptions {
  plugin: string;
  /** Decided when the host first starts (sandbox detection is not free). */
  command: () => HostCommand | Promise<HostCommand>;
  init: InitParams;
  timeoutMs?: number;
  backoff?: Partial<Backoff>;
  /** One line for the person: a crash, a give-up. */
  notify?: (line: string) => void;
}

export class PluginHostError extends Error {}

interface Pending {
  method: string;
  resolve(v: unknown): void;
  reject(e: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

interface Running {
  proc: Bun.Subprocess<"pipe", "pipe", "pipe">;
  ready: Promise<InitResult>;
  stderrTail: string[];
  /** Calls waiting on this process: when it dies, these (and only these) fail. */
  pending: Map<number, Pending>;
}

export class PluginHost {
  readonly #o: HostOptions;
  readonly #backoff: Backoff;
  #running: Running | undefined;
  #starting: Promise<Running> | undefined;
  #nextId = 1;
  readonly #crashes: number[] = [];
  #givenUp: string | undefined;
  #closed = false;
  /** Ends a crash-backoff wait early: close() must neither wait it out nor start a host after it. */
  #wake: (() => void) | undefined;
  /** Times the host process was started (tests and `keel plugin list` read it). */
  starts = 0;

  constructor(o: HostOptions) {
    this.#o = o;
    this.#backoff = { ...DEFAULT_BACKOFF, ...o.backoff };
  }

  get plugin(): string {
    return this.#o.plugin;
  }

  /** What the host's modules export: tools, hooks, widgets, calls by name (starts the host). */
  async describe(): Promise<InitResult> {
    return (await this.#ensure()).ready;
  }

  async request(method: string, params: unknown, o: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<unknown> {
    const running = await this.#ensure();
    await running.ready;
    return this.#send(running, method, params, o);
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#wake?.();
    // A start in flight sees #closed before it spawns; wait for it, so nothing starts after close.
    await this.#starting?.catch(() => undefined);
    const r = this.#running;
    if (!r) return;
    try {
      await this.#send(r, HOST_METHODS.shutdown, null, { timeoutMs: 1_000 });
    } catch {
      // A host that will not say goodbye is stopped below.
    }
    // A cleared timer, not Bun.sleep: a pending sleep would hold the process open for a second after every run.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), 1_000)));
    const exited = await Promise.race([r.proc.exited.then(() => true), late]);
    clearTimeout(timer);
    if (!exited) r.proc.kill("SIGKILL");
  }

  async #ensure(): Promise<Running> {
    if (this.#running) return this.#running;
    if (this.#closed) throw new PluginHostError(`plugin ${this.plugin}: the session is closing`);
    if (this.#givenUp) throw new PluginHostError(this.#givenUp);
    this.#starting ??= this.#start().finally(() => (this.#starting = undefined));
    return this.#starting;
  }

  async #start(): Promise<Running> {
    const now = Date.now();
    const recent = this.#crashes.filter((t) => now - t < this.#backoff.windowMs);
    if (recent.length) {
      const delay = Math.min(this.#backoff.baseMs * 2 ** (recent.length - 1), this.#backoff.maxMs);
      const wait = (recent.at(-1) as number) + delay - now;
      if (wait > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, wait);
          this.#wake = () => (clearTimeout(timer), resolve());
        });
        this.#wake = undefined;
      }
    }
    const cmd = await this.#o.command();
    if (this.#closed) throw new PluginHostError(`plugin ${this.plugin}: the session is closing`);
    const proc = Bun.spawn(cmd.argv, { cwd: cmd.cwd, env: cmd.env, stdin: "pipe", stdout: "pipe", stderr: "pipe" });
    this.starts++;
    const stderrTail: string[] = [];
    const running: Running = { proc, stderrTail, pending: new Map(), ready: Promise.resolve({ tools: [], hooks: [], widgets: [], calls: [] }) };
    this.#running = running;
    void this.#read(running);
    void this.#readStderr(running);
    void proc.exited.then((code) => this.#onExit(running, code, (proc.signalCode as NodeJS.Signals | null) ?? null));
    running.ready = this.#send(running, HOST_METHODS.initialize, this.#o.init, { timeoutMs: this.#o.timeoutMs ?? DEFAULT_TIMEOUT_MS }) as Promise<InitResult>;
    // The first caller sees an initialize failure; an unhandled copy must not crash keel.
    running.ready.catch(() => undefined);
    return running;
  }

  #send(r: Running, method: string, params: unknown, o: { timeoutMs?: number; signal?: AbortSignal }): Promise<unknown> {
    const id = this.#nextId++;
    const timeoutMs = o.timeoutMs ?? this.#o.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    return new Promise((resolve, reject) => {
      const done = () => {
        r.pending.delete(id);
        clearTimeout(timer);
        o.signal?.removeEventListener("abort", onAbort);
      };
      const onAbort = () => {
        done();
        reject(new PluginHostError(`plugin ${this.plugin}: ${method} was interrupted`));
      };
      const timer = setTimeout(() => {
        done();
        // A plugin stuck in a loop holds its whole host: stop it, the next call starts afresh.
        reject(new PluginHostError(`plugin ${this.plugin}: ${method} timed out after ${timeoutMs / 1000} s; its host was stopped`));
        if (this.#running === r) {
          this.#running = undefined;
          r.proc.kill("SIGKILL");
        }
      }, timeoutMs);
      if (o.signal?.aborted) return onAbort();
      if (r.proc.exitCode !== null || r.proc.signalCode !== null) {
        clearTimeout(timer);
        return reject(new PluginHostError(`plugin ${this.plugin}: its host has exited (before ${method})`));
      }
      o.signal?.addEventListener("abort", onAbort, { once: true });
      r.pending.set(id, {
        method,
        timer,
        resolve: (v) => (done(), resolve(v)),
        reject: (e) => (done(), reject(e)),
      });
      try {
        r.proc.stdin.write(encode({ jsonrpc: "2.0", id, method, params }));
        r.proc.stdin.flush();
      } catch (e) {
        r.pending.get(id)?.reject(new PluginHostError(`plugin ${this.plugin}: could not write to its host: ${(e as Error).message}`));
      }
    });
  }

  async #read(r: Running): Promise<void> {
    const lines = new LineSplitter();
    try {
      for await (const chunk of r.proc.stdout) {
        for (const line of lines.feed(chunk)) {
          let msg: RpcResponse;
          try {
            const parsed = RpcResponse.safeParse(JSON.parse(line));
            if (!parsed.success) continue;
            msg = parsed.data;
          } catch {
            // Plugin code that wrote to stdout directly: not ours to interpret.
            continue;
          }
          const p = r.pending.get(msg.id);
          if (!p) continue;
          if ("error" in msg) p.reject(new PluginHostError(`plugin ${this.plugin}: ${msg.error.message}`));
          else p.resolve(msg.result);
        }
      }
    } catch {
      // The pipe closes with the process; #onExit reports it.
    }
  }

  async #readStderr(r: Running): Promise<void> {
    const lines = new LineSplitter();
    try {
      for await (const chunk of r.proc.stderr) {
        // Bounded: a host may print a megabyte on one line before it dies, and the tail ends up in a notice.
        for (const line of lines.feed(chunk)) r.stderrTail.push(line.length > STDERR_LINE_MAX ? `${line.slice(0, STDERR_LINE_MAX)}…` : line);
        if (r.stderrTail.length > 20) r.stderrTail.splice(0, r.stderrTail.length - 20);
      }
    } catch {
      // Closed with the process.
    }
  }

  #onExit(r: Running, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.#running === r) this.#running = undefined;
    const expected = this.#closed;
    const how = signal ? `was killed (${signal})` : `exited with code ${code}`;
    const last = r.stderrTail.filter((l) => l.trim()).at(-1);
    const why = `plugin ${this.plugin}: its host ${how}${last ? `: ${last.trim()}` : ""}`;
    for (const [, p] of r.pending) p.reject(new PluginHostError(`${why} (during ${p.method})`));
    if (expected) return;
    const now = Date.now();
    this.#crashes.push(now);
    const recent = this.#crashes.filter((t) => now - t < this.#backoff.windowMs);
    if (recent.length >= this.#backoff.maxCrashes) {
      this.#givenUp = `plugin ${this.plugin}: its host crashed ${recent.length} times in ${Math.round(this.#backoff.windowMs / 1000)} s and is disabled for this session`;
      this.#o.notify?.(this.#givenUp);
    } else {
      this.#o.notify?.(`${why}; it restarts on the next use`);
    }
  }
}
