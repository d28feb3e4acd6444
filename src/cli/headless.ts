// `keel -p`: one run of the engine without a UI. Reads the prompt (argument and/or
// stdin), opens or resumes the session transcript, runs the loop, records every event,
// prints per --output-format, and exits non-zero on any error. SIGINT interrupts the
// request and the running tool; the transcript records that it did.
import { fstatSync, readFileSync } from "node:fs";
import { KeelError } from "../errors.ts";
import { runAgent, toRecord } from "../engine/index.ts";
import { headlessOptions, type HeadlessOptions } from "./headless-options.ts";
import { printerFor, resultJson } from "./headless-output.ts";
import { headlessSettings, type HeadlessSettings } from "./headless-settings.ts";
import { paint } from "./output.ts";
import { terminalAsk } from "./permission-ask.ts";
import { fromOptions, openSession } from "./session-setup.ts";
import type { PermissionGateImpl } from "../safety/index.ts";
import { processSettings } from "./settings-context.ts";

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
  const typed = promptOf(opts, io);
  const warnLine = (line: string) => io.stderr.write(`${paint.yellow("warning:", io.stderr)} ${line}\n`);
  const s = await openSession({
    cwd: io.cwd,
    env: io.env,
    stateDir: io.stateDir,
    ...(io.settings ? { settings: io.settings } : {}),
    ...fromOptions(opts),
    notify: warnLine,
    ask: async (gate: PermissionGateImpl) => (io.interactive ? terminalAsk({ gate, loaded: await processSettings(), input: process.stdin, output: process.stderr }) : undefined),
  });
  const { prior, writer } = s;
  // `keel -p "/name args"`: a plugin's slash command becomes its prompt.
  const command = s.plugins.expand(typed);
  const prompt = command?.prompt ?? typed;
  // Claude Code's `allowed-tools`: the command's rules hold while it runs, which in -p is the whole run.
  for (const rule of command?.allowedTools ?? []) s.gate.remember({ rule, behavior: "allow", layer: `command /${command?.name}` });

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
      ...s.agent,
      prompt,
      history: prior?.messages ?? [],
      resumed: prior !== undefined,
      executor: opts.executor,
      signal: interrupt.signal,
      ...(opts.maxTurns !== undefined ? { maxTurns: opts.maxTurns } : {}),
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
      if (ev.type === "retry" && opts.outputFormat === "text") {
        io.stderr.write(`${paint.yellow("retrying", io.stderr)} in ${(ev.delayMs / 1000).toFixed(1)} s (attempt ${ev.attempt}): ${ev.reason}\n`);
      }
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
    s.watch.close();
    writer.close();
    await s.mcp.close();
    await s.plugins.close();
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
