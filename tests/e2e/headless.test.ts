// `keel -p` through the compiled binary against the fake Anthropic server: output
// formats, stdin prompts, clear failures, --continue, and resume after SIGKILL / SIGINT.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cleanEnv, freshDir, KEEL_BIN, runKeel } from "../support/binary.ts";
import { type AnthropicServer, createGate, startAnthropicServer, text, toolUse } from "../support/anthropic/index.ts";

let server: AnthropicServer;
beforeAll(async () => (server = await startAnthropicServer({ apiKey: "e2e-key" })));
afterAll(() => server.close());

const env = () => ({ ANTHROPIC_API_KEY: "e2e-key", ANTHROPIC_BASE_URL: server.url });

function transcripts(home: string): string[] {
  const root = join(home, "state", "sessions");
  return readdirSync(root).flatMap((p) => readdirSync(join(root, p)).map((f) => join(root, p, f)));
}
const records = (path: string) => readFileSync(path, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));

/** Starts dist/keel and resolves once a stdout line satisfies `until`. */
function spawnKeel(args: string[], opts: { home: string; cwd: string }) {
  const proc = Bun.spawn([KEEL_BIN, ...args], {
    cwd: opts.cwd,
    env: cleanEnv({ KEEL_HOME: opts.home, NO_COLOR: "1", ...env() }),
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
  });
  const lines: any[] = [];
  const reader = (async () => {
    let buf = "";
    for await (const chunk of proc.stdout) {
      buf += new TextDecoder().decode(chunk);
      let i: number;
      while ((i = buf.indexOf("\n")) >= 0) {
        lines.push(JSON.parse(buf.slice(0, i)));
        buf = buf.slice(i + 1);
      }
    }
  })();
  return { proc, lines, reader };
}

/** Host pids of running `sleep <marker>` processes, read from /proc. */
function sleepsWith(marker: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0");
      if (argv[0]?.endsWith("sleep") && argv[1] === marker) pids.push(Number(entry));
    } catch {}
  }
  return pids;
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 2000 && !check(); i++) await Bun.sleep(5);
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

describe("keel -p", () => {
  test("--output-format json prints the result object; the prompt may come from stdin", async () => {
    server.reset();
    server.enqueue(text("the answer"));
    const home = freshDir("keel-home-");
    const r = await runKeel(["-p", "--output-format", "json", "--model", "claude-haiku-5-5"], { home, env: env(), stdin: "what is it?" });
    expect(r.exitCode).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ type: "result", subtype: "success", is_error: false, result: "the answer", num_turns: 1 });
    expect(out.total_cost_usd).toBeGreaterThan(0);
    // The compiled prompt marks the static half and the last message: on a first call the
    // whole prompt is written to the cache, as the API accounts it.
    expect(out.usage.cache_creation_input_tokens).toBeGreaterThan(0);
    expect(out.usage.input_tokens + out.usage.cache_creation_input_tokens).toBeGreaterThan(1000);
    const [req] = server.messageRequests();
    expect(req?.body.model).toBe("claude-haiku-5-5");
    expect(req?.body.messages[0].content[0].text).toBe("what is it?");
    expect(transcripts(home)[0]).toEndWith(`${out.session_id}.jsonl`);
  });

  test("stream-json prints engine events as JSON lines around a real tool call, ending with the result", async () => {
    server.reset();
    const cwd = freshDir("keel-cwd-");
    writeFileSync(join(cwd, "hello.txt"), "hi from disk\n");
    server.enqueue(toolUse("Read", { file_path: join(cwd, "hello.txt") }), text("read it"));
    const r = await runKeel(["-p", "read hello.txt", "--output-format", "stream-json"], { cwd, env: env() });
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
    const types = lines.map((l) => l.type);
    expect(types[0]).toBe("session_start");
    expect(types).toContain("tool_use");
    expect(lines.find((l) => l.type === "tool_result")).toMatchObject({ name: "Read", isError: false });
    expect(lines.at(-1)).toMatchObject({ type: "result", subtype: "success", result: "read it", num_turns: 2 });
    const second = server.messageRequests()[1]?.body;
    expect(JSON.stringify(second.messages.at(-1))).toContain("hi from disk");
  });

  test("a missing key and an unreachable endpoint fail with one line each, naming the variable", async () => {
    const noKey = await runKeel(["-p", "hi"], { env: { ANTHROPIC_BASE_URL: server.url } });
    expect(noKey.exitCode).not.toBe(0);
    expect(noKey.stderr).toContain("ANTHROPIC_API_KEY");
    expect(noKey.stderr).not.toMatch(/\n\s+at /);
    const dead = await runKeel(["-p", "hi"], { env: { ANTHROPIC_API_KEY: "k", ANTHROPIC_BASE_URL: "http://127.0.0.1:9" } });
    expect(dead.exitCode).not.toBe(0);
    // Two quick connection retries are announced, then one error line names the variable.
    const lines = dead.stderr.trim().split("\n");
    expect(lines.filter((l) => l.startsWith("retrying"))).toHaveLength(2);
    expect(lines.filter((l) => !l.startsWith("retrying"))).toEqual([expect.stringMatching(/^error: .*ANTHROPIC_BASE_URL/)]);
    expect(dead.stderr).not.toMatch(/\n\s+at /);
  });

  test("--max-turns ends with error_max_turns and a non-zero exit; --continue picks the session up", async () => {
    server.reset();
    const home = freshDir("keel-home-");
    const cwd = freshDir("keel-cwd-");
    server.enqueue(toolUse("LS", { path: cwd }));
    const first = await runKeel(["-p", "look", "--max-turns", "1", "--output-format", "json"], { home, cwd, env: env() });
    expect(first.exitCode).toBe(1);
    const r1 = JSON.parse(first.stdout);
    expect(r1).toMatchObject({ subtype: "error_max_turns", is_error: true });
    server.enqueue(text("continued"));
    const second = await runKeel(["-c", "-p", "go on", "--output-format", "json"], { home, cwd, env: env() });
    expect(second.exitCode).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ session_id: r1.session_id, result: "continued" });
    const sent = server.messageRequests()[1]?.body.messages;
    expect(sent.map((m: any) => m.role)).toEqual(["user", "assistant", "user"]);
    expect(sent[2].content.map((b: any) => b.type)).toEqual(["tool_result", "text"]);
  });

  test("SIGKILL mid-turn loses only the turn in flight; --resume sends a history the API accepts", async () => {
    server.reset();
    const home = freshDir("keel-home-");
    const cwd = freshDir("keel-cwd-");
    const held = createGate();
    server.enqueue(toolUse("LS", { path: cwd }), { content: "this turn never ends", hold: held });
    const run = spawnKeel(["-p", "first", "--output-format", "stream-json"], { home, cwd });
    await until(() => (server.messageRequests()[1]?.events.length ?? 0) > 2, "the second call to stream");
    run.proc.kill("SIGKILL");
    await run.proc.exited;
    held.open();
    const sessionId = run.lines[0].sessionId as string;
    const [path] = transcripts(home);
    const kinds = records(path as string).map((r) => r.type);
    expect(kinds).not.toContain("result");
    expect(kinds.filter((k) => k === "message")).toHaveLength(3); // prompt, tool call, tool results

    server.enqueue(text("resumed fine"));
    const again = await runKeel(["--resume", sessionId, "-p", "second", "--output-format", "json"], { home, cwd, env: env() });
    expect(again.exitCode).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ session_id: sessionId, result: "resumed fine" });
    const sent = server.messageRequests()[2]?.body.messages;
    expect(sent.map((m: any) => m.role)).toEqual(["user", "assistant", "user"]);
    expect(sent[1].content[0]).toMatchObject({ type: "tool_use", name: "LS" });
    expect(sent[2].content.map((b: any) => b.type)).toEqual(["tool_result", "text"]);
    expect(sent[2].content[0].tool_use_id).toBe(sent[1].content[0].id);
    expect(records(path as string).map((r) => r.type)).toContain("resume");
  });

  test("SIGKILL while a tool runs: --resume drops the unanswered call and the API accepts the history", async () => {
    server.reset();
    const home = freshDir("keel-home-");
    const cwd = freshDir("keel-cwd-");
    server.enqueue(toolUse("Bash", { command: "sleep 3" })); // orphaned by the SIGKILL: kept short
    const run = spawnKeel(["-p", "first", "--output-format", "stream-json"], { home, cwd });
    await until(() => run.lines.some((l) => l.type === "tool_start"), "the tool to start");
    run.proc.kill("SIGKILL");
    await run.proc.exited;
    server.enqueue(text("fresh start"));
    const again = await runKeel(["--resume", run.lines[0].sessionId, "-p", "second", "--output-format", "json"], { home, cwd, env: env() });
    expect(again.exitCode).toBe(0);
    expect(again.stderr).toContain("dropped an assistant turn with 1 unanswered tool call");
    const sent = server.messageRequests()[1]?.body.messages;
    expect(sent).toHaveLength(1);
    expect(sent[0].content.map((b: any) => b.text)).toEqual(["first", "second"]);
  });

  test("SIGINT aborts the request, records the interrupt and exits 130", async () => {
    server.reset();
    const home = freshDir("keel-home-");
    const cwd = freshDir("keel-cwd-");
    const held = createGate();
    server.enqueue({ content: "a long answer", hold: held });
    const run = spawnKeel(["-p", "wait", "--output-format", "stream-json"], { home, cwd });
    await until(() => (server.messageRequests()[0]?.events.length ?? 0) > 2, "the call to stream");
    run.proc.kill("SIGINT");
    expect(await run.proc.exited).toBe(130);
    await run.reader;
    held.open();
    expect(server.messageRequests()[0]?.aborted).toBe(true);
    expect(run.lines.at(-1)).toMatchObject({ type: "result", subtype: "error_during_execution", stop: "interrupted" });
    const kinds = records(transcripts(home)[0] as string).map((r) => r.type);
    expect(kinds).toContain("interrupted");
    expect(kinds.at(-1)).toBe("result");
  });

  test("SIGINT during a running Bash command kills it, records the interrupted result, and the session resumes", async () => {
    server.reset();
    const home = freshDir("keel-home-");
    const cwd = freshDir("keel-cwd-");
    const pidFile = join(cwd, "pid");
    // A unique argument finds the sleep in the host's /proc whether or not the command
    // runs in the sandbox's own PID namespace (where $$ means nothing to the host).
    const marker = `${30 + Math.random()}`;
    const sleeping = () => sleepsWith(marker).length > 0;
    server.enqueue(toolUse("Bash", { command: `echo started > ${pidFile}; exec sleep ${marker}` }));
    const run = spawnKeel(["-p", "run it", "--output-format", "stream-json", "--permission-mode", "bypassPermissions"], { home, cwd });
    await until(() => run.lines.some((l) => l.type === "tool_start") && existsSync(pidFile) && sleeping(), "the command to start");
    run.proc.kill("SIGINT");
    expect(await run.proc.exited).toBe(130);
    await run.reader;
    await until(() => !sleeping(), "the sleep to be gone");
    const path = transcripts(home)[0] as string;
    const recs = records(path);
    expect(recs.find((r) => r.type === "tool_result")).toMatchObject({ name: "Bash", isError: true });
    expect(recs.map((r) => r.type)).toContain("interrupted");

    server.enqueue(text("after the interrupt"));
    const again = await runKeel(["-c", "-p", "next", "--output-format", "json"], { home, cwd, env: env() });
    expect(JSON.parse(again.stdout)).toMatchObject({ result: "after the interrupt", session_id: run.lines[0].sessionId });
    const sent = server.messageRequests()[1]?.body.messages;
    expect(sent.map((m: any) => m.role)).toEqual(["user", "assistant", "user"]);
    expect(sent[2].content[0]).toMatchObject({ type: "tool_result", is_error: true });
  });
});
