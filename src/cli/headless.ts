// `keel -p`: one run of the engine without a UI. Reads the prompt (argument and/or
// stdin), opens or resumes the session transcript, runs the loop, records every event,
// prints per --output-format, and exits non-zero on any error. SIGINT interrupts the
// request and the running tool; the transcript records that it did.
import { fstatSync, readFileSync } from "node:fs";
import { KeelError } from "../errors.ts";
import { VERSION } from "../version.ts";
import {
  builtinTools,
  createTaskTool,
  parseToolList,
  runAgent,
  type TaskToolDeps,
  type Tool,
  toRecord,
} from "../engine/index.ts";
import { clientConfigFrom, createClient, DEFAULT_MODEL, SMALL_MODEL, sdkSource } from "../model/index.ts";
import { findSession, latestSession, type LoadedSession, loadTranscript, openTranscript, transcriptPath } from "../session/index.ts";
import { headlessOptions, type HeadlessOptions } from "./headless-options.ts";
import { printerFor, resultJson } from "./headless-output.ts";
import { headlessSettings, type HeadlessSettings } from "./headless-settings.ts";
import { paint } from "./output.ts";
import { terminalAsk } from "./permission-ask.ts";
import { permissionMode, sessionGate, sessionSandbox } from "./permission-gate.ts";
import { sessionHooks } from "./session-hooks.ts";
import type { JudgeModel } from "../hooks/index.ts";
import { processSettings } from "./settings-context.ts";
import { OVERLAY_ENV, runSpeculative } from "./speculative.ts";

export interface HeadlessEnv {
  cwd: string;
  env: Record<string, string | undefined>;
  stateDir: string;
  settings?: Omit<HeadlessSettings, "stateDir">;
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown; isTTY?: boolean };
  /** Piped stdin text, read only when it is a file or a pipe. */
  readStdin(): string | undefined;
  /** A person at the terminal answers permission questions (else "ask" means deny). */
  interactive?: boolean;
}

export async function headless(raw: Record<string, unknown>): Promise<void> {
  const opts = headlessOptions(raw);
  const { stateDir, ...settings } = await headlessSettings(raw);
  if (opts.speculative && !process.env[OVERLAY_ENV]) {
    process.exitCode = await runSpeculative(stateDir, settings.permissions.projectRoot, process.argv.slice(2));
    return;
  }
  process.exitCode = await runHeadless(opts, {
    cwd: process.cwd(),
    env: process.env,
    stateDir,
    settings,
    stdout: process.stdout,
    stderr: process.stderr,
    readStdin,
    interactive: Boolean(process.stdin.isTTY && process.stderr.isTTY),
  });
}

export async function runHeadless(opts: HeadlessOptions, io: HeadlessEnv): Promise<number> {
  const prompt = promptOf(opts, io);
  const clientConfig = clientConfigFrom(io.env, io.settings);
  // Fails here, before any session file exists, with the one line naming ANTHROPIC_API_KEY.
  const client = await createClient(clientConfig);
  const source = sdkSource(client);

  const prior = priorSession(opts, io);
  const sessionId = prior?.id ?? crypto.randomUUID();
  const model = opts.model ?? prior?.model ?? io.env.ANTHROPIC_MODEL ?? io.settings?.model ?? DEFAULT_MODEL;
  const path = prior?.path ?? transcriptPath(io.stateDir, io.cwd, sessionId);
  if (prior?.dropped.length) {
    io.stderr.write(`${paint.yellow("warning:", io.stderr)} resuming ${sessionId}: dropped ${prior.dropped.join("; ")} (the turn in flight when it stopped)\n`);
  }

  const safety = io.settings?.permissions ?? { projectRoot: io.cwd, rules: [] };
  const wrapCommand = sessionSandbox(safety, (line) => io.stderr.write(`${paint.yellow("warning:", io.stderr)} ${line}\n`));
  const gate = sessionGate(safety, {
    ...(opts.permissionMode ? { mode: opts.permissionMode } : {}),
    allowedTools: parseToolList(opts.allowedTools),
    disallowedTools: parseToolList(opts.disallowedTools),
  });
  const ask = io.interactive ? terminalAsk({ gate, loaded: await processSettings(), input: process.stdin, output: process.stderr }) : undefined;
  const tools = toolset(opts, { source, model, ...(clientConfig.baseURL ? { baseURL: clientConfig.baseURL } : {}), gate });

  const warnLine = (line: string) => io.stderr.write(`${paint.yellow("warning:", io.stderr)} ${line}\n`);
  const hooks = sessionHooks(await processSettings(), {
    transcriptPath: path,
    permissionMode: permissionMode(opts.permissionMode, safety.defaultMode),
    judge: { model: client.messages as unknown as JudgeModel, name: io.settings?.smallModel ?? SMALL_MODEL },
    notify: warnLine,
  });
  const writer = openTranscript(path);
  const ts = new Date().toISOString();
  writer.append(prior ? { type: "resume", ts, model } : { type: "session", v: 1, id: sessionId, cwd: io.cwd, model, ts, version: VERSION });

  const interrupt = new AbortController();
  let interrupts = 0;
  const onSigint = () => {
    // The first ^C interrupts cleanly; a second one means "now".
    if (++interrupts > 1) process.exit(130);
    interrupt.abort();
  };
  process.on("SIGINT", onSigint);

  // A reader that goes away (`keel -p … | head -1`) ends the run as an interrupt: nobody is listening.
  let readerGone = false;
  const stdout = {
    write(text: string) {
      if (readerGone) return;
      try {
        io.stdout.write(text);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "EPIPE") throw e;
        readerGone = true;
        interrupt.abort();
      }
    },
  };
  const printer = printerFor(opts.outputFormat, stdout);
  let exit = 1;
  let apiMs = 0;
  let callStarted = 0;
  try {
    for await (const ev of runAgent({
      source,
      model,
      tools,
      cwd: io.cwd,
      sessionId,
      prompt,
      history: prior?.messages ?? [],
      resumed: prior !== undefined,
      executor: opts.executor,
      signal: interrupt.signal,
      ...(opts.maxTurns !== undefined ? { maxTurns: opts.maxTurns } : {}),
      gate,
      hooks,
      ...(ask ? { ask } : {}),
      ...(wrapCommand ? { wrapCommand } : {}),
      settings: {
        ...(opts.appendSystemPrompt ? { appendSystemPrompt: opts.appendSystemPrompt } : {}),
        ...(io.settings?.userDir ? { userDir: io.settings.userDir } : {}),
        ...(io.settings?.prompt ? { prompt: io.settings.prompt } : {}),
      },
      ...(clientConfig.baseURL ? { baseURL: clientConfig.baseURL } : {}),
    })) {
      // API time: from the call's start until its message is in (or it failed), tools excluded.
      if (ev.type === "turn_start") callStarted = performance.now();
      if (callStarted && ((ev.type === "message" && ev.message.role === "assistant") || ev.type === "error" || ev.type === "turn_end")) {
        apiMs += performance.now() - callStarted;
        callStarted = 0;
      }
      const record = toRecord(ev);
      if (record) writer.append(record);
      printer.event(ev);
      if (ev.type === "error" && ev.kind !== "aborted" && opts.outputFormat === "text") {
        io.stderr.write(`${paint.red("error:", io.stderr)} ${ev.message}\n`);
      }
      if (ev.type === "session_end") {
        const result = resultJson(ev, apiMs);
        printer.result(result);
        if (ev.stop === "error_max_turns" && opts.outputFormat === "text") io.stderr.write(`${paint.red("error:", io.stderr)} ${ev.error}\n`);
        exit = ev.stop === "success" ? 0 : ev.stop === "interrupted" ? 130 : 1;
      }
    }
  } finally {
    process.off("SIGINT", onSigint);
    writer.close();
  }
  return exit;
}

function promptOf(opts: HeadlessOptions, io: HeadlessEnv): string {
  const arg = typeof opts.print === "string" ? opts.print : "";
  const piped = io.readStdin()?.trim() ?? "";
  const prompt = [piped, arg].filter(Boolean).join("\n\n");
  if (!prompt) throw new KeelError('no prompt: pass one with -p "…" or pipe it on stdin');
  return prompt;
}

function priorSession(opts: HeadlessOptions, io: HeadlessEnv): LoadedSession | undefined {
  if (opts.resume) return loadTranscript(findSession(io.stateDir, io.cwd, opts.resume));
  if (!opts.continue) return undefined;
  const latest = latestSession(io.stateDir, io.cwd);
  if (!latest) throw new KeelError(`--continue: no earlier session in ${io.cwd}`);
  return loadTranscript(latest);
}

function toolset(opts: HeadlessOptions, task: Omit<TaskToolDeps, "tools">): Tool[] {
  const denied = new Set(parseToolList(opts.disallowedTools).filter((r) => !r.includes("(")));
  const base = builtinTools().filter((t) => !denied.has(t.name));
  // The sub-agent gets the same tools (bar Task) under the same permission gate.
  return denied.has("Task") ? base : [...base, createTaskTool({ ...task, tools: base }) as Tool];
}

/** stdin only when something was piped or redirected into it: a TTY, /dev/null or an open socket never is. */
function readStdin(): string | undefined {
  try {
    const st = fstatSync(0);
    if (!st.isFIFO() && !st.isFile()) return undefined;
    return readFileSync(0, "utf8");
  } catch {
    return undefined;
  }
}
