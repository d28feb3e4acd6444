// The later hook events through the compiled binary: one `keel -p` session against the
// fake Messages API, with real shell-script hooks in the project's settings, hears
// InstructionsLoaded, TaskCreated/TaskCompleted, CwdChanged and — when the model's own
// command rewrites the user settings mid-session — ConfigChange, each once. In the REPL
// (tmux), `/model <name>` passes PreModelSwitch, which may keep the model.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { chmodSync, existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { freshDir, KEEL_BIN, runKeel } from "../support/binary.ts";
import { startGrowthBook } from "../support/growthbook/server.ts";
import { TMUX, tmuxServer } from "../support/tmux.ts";
import { type AnthropicServer, createGate, startAnthropicServer, text, toolUse } from "../support/anthropic/index.ts";

let server: AnthropicServer;
const term = tmuxServer("keel-hook-events");
beforeAll(async () => (server = await startAnthropicServer({ apiKey: "k" })));
afterAll(() => {
  server.close();
  if (TMUX) term.kill();
});

const EVENTS = ["InstructionsLoaded", "TaskCreated", "TaskCompleted", "CwdChanged", "ConfigChange"] as const;

test("one headless session fires each event once, at its moment, with its payload", async () => {
  const cwd = realpathSync(freshDir("keel-events-"));
  const home = freshDir("keel-events-home-");
  const logs = freshDir("keel-events-logs-");
  mkdirSync(join(cwd, ".git"));
  mkdirSync(join(cwd, ".keel"));
  mkdirSync(join(cwd, "sub"));
  writeFileSync(join(cwd, "AGENTS.md"), "be brief");
  const recorder = join(logs, "record.sh");
  writeFileSync(recorder, `#!/usr/bin/env bash\n{ cat; echo; } >> "${logs}/$1.jsonl"\n`);
  chmodSync(recorder, 0o755);
  const hooks = Object.fromEntries(EVENTS.map((e) => [e, [{ hooks: [{ type: "command", command: `${recorder} ${e}` }] }]]));
  writeFileSync(join(cwd, ".keel", "settings.json"), JSON.stringify({ hooks, sandbox: { enabled: false } }));
  const userSettings = join(home, "settings.json");
  writeFileSync(userSettings, "{}");

  const heard = (e: string): any[] => {
    const f = join(logs, `${e}.jsonl`);
    return existsSync(f) ? readFileSync(f, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l)) : [];
  };
  // The last reply waits until the settings change has reached the hook: the session is still running then.
  const gate = createGate();
  const todo = (status: string) => ({ todos: [{ content: "ship it", status, activeForm: "shipping it" }] });
  server.reset();
  server.enqueue(
    toolUse("TodoWrite", todo("in_progress")),
    toolUse("Bash", { command: "cd sub" }),
    toolUse("Bash", { command: `echo '{"model":"claude-opus-5"}' > '${userSettings}'` }),
    toolUse("TodoWrite", todo("completed")),
    text("done", { startHold: gate }),
  );
  const waiting = (async () => {
    while (heard("ConfigChange").length === 0) await Bun.sleep(20);
    gate.open();
  })();
  const r = await runKeel(["-p", "go", "--permission-mode", "bypassPermissions"], {
    cwd,
    home,
    env: { ANTHROPIC_BASE_URL: server.url, ANTHROPIC_API_KEY: "k" },
  });
  await waiting;
  expect(r.stderr).not.toContain("error");
  expect(r.exitCode).toBe(0);
  expect(r.stdout.trim()).toBe("done");

  expect(heard("InstructionsLoaded")).toEqual([expect.objectContaining({ file_path: join(cwd, "AGENTS.md"), memory_type: "Project", load_reason: "session_start" })]);
  expect(heard("TaskCreated")).toEqual([expect.objectContaining({ task_id: "1", content: "ship it", status: "in_progress" })]);
  expect(heard("TaskCompleted")).toEqual([expect.objectContaining({ task_id: "1", content: "ship it", status: "completed" })]);
  expect(heard("CwdChanged")).toEqual([expect.objectContaining({ old_cwd: cwd, new_cwd: join(cwd, "sub") })]);
  expect(heard("ConfigChange")).toEqual([expect.objectContaining({ file_path: userSettings, source: "user_settings", scope: "user" })]);
  const ids = new Set(EVENTS.flatMap((e) => heard(e).map((p) => p.session_id)));
  expect(ids.size).toBe(1);
});

test("FlagChanged: a GrowthBook SSE push during a headless session reaches the session's hook", async () => {
  const gb = startGrowthBook({ payload: { features: { undercover: { defaultValue: false } } }, sse: true });
  try {
    const cwd = realpathSync(freshDir("keel-flags-"));
    mkdirSync(join(cwd, ".git"));
    mkdirSync(join(cwd, ".keel"));
    const out = join(freshDir("keel-flags-logs-"), "flag.jsonl");
    const hook = [{ hooks: [{ type: "command", command: `{ cat; echo; } >> '${out}'` }] }];
    writeFileSync(join(cwd, ".keel", "settings.json"), JSON.stringify({ hooks: { FlagChanged: hook }, flags: { apiHost: gb.url, clientKey: gb.clientKey } }));
    const gate = createGate();
    server.reset();
    server.enqueue(text("done", { startHold: gate }));
    // While the reply is held: the session follows the stream; the flag flips; the hook hears it; then the reply goes out.
    const driving = (async () => {
      await gb.streams(1);
      gb.setPayload({ features: { undercover: { defaultValue: true } } });
      await gb.push();
      while (!existsSync(out)) await Bun.sleep(20);
      gate.open();
    })();
    const r = await runKeel(["-p", "go"], { cwd, env: { ANTHROPIC_BASE_URL: server.url, ANTHROPIC_API_KEY: "k" } });
    await driving;
    expect(r.exitCode).toBe(0);
    const heard = readFileSync(out, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
    expect(heard).toEqual([expect.objectContaining({ hook_event_name: "FlagChanged", flag: "undercover", old_value: false, new_value: true, source: "remote" })]);
  } finally {
    await gb.stop();
  }
});

describe.skipIf(!TMUX)("/model in the REPL", () => {
  test("a PreModelSwitch hook keeps one model (its reason on screen) and lets another through; PostModelSwitch hears the switch", async () => {
    const cwd = realpathSync(freshDir("keel-model-"));
    mkdirSync(join(cwd, ".git"));
    mkdirSync(join(cwd, ".keel"));
    const logs = freshDir("keel-model-logs-");
    const guard = join(logs, "guard.sh");
    writeFileSync(guard, `#!/usr/bin/env bash\nif grep -q '"to_model":"claude-opus-5"'; then echo 'opus is reserved for releases' >&2; exit 2; fi\n`);
    const post = join(logs, "post.sh");
    writeFileSync(post, `#!/usr/bin/env bash\n{ cat; echo; } >> "${logs}/post.jsonl"\n`);
    for (const f of [guard, post]) chmodSync(f, 0o755);
    const hook = (command: string) => [{ hooks: [{ type: "command", command }] }];
    writeFileSync(join(cwd, ".keel", "settings.json"), JSON.stringify({ hooks: { PreModelSwitch: hook(guard), PostModelSwitch: hook(post) } }));
    server.reset();
    server.enqueue(text("answered by haiku"));
    term.start("m", cwd, { KEEL_HOME: freshDir("keel-home-"), ANTHROPIC_API_KEY: "k", ANTHROPIC_BASE_URL: server.url, NO_COLOR: "1" }, KEEL_BIN, { x: 140, y: 40 });
    await term.waitFor("m", "context 0%");
    term.keys("m", "/model claude-opus-5", "Enter");
    await term.waitFor("m", "model not switched (still claude-sonnet-5-5): opus is reserved for releases");
    term.keys("m", "/model claude-haiku-5-5", "Enter");
    await term.waitFor("m", "model: claude-haiku-5-5");
    term.keys("m", "hi", "Enter");
    await term.waitFor("m", "answered by haiku");
    expect(server.messageRequests().map((r) => r.body.model)).toEqual(["claude-haiku-5-5"]);
    const heard = readFileSync(join(logs, "post.jsonl"), "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
    expect(heard).toEqual([expect.objectContaining({ hook_event_name: "PostModelSwitch", from_model: "claude-sonnet-5-5", to_model: "claude-haiku-5-5", reason: "user" })]);
  });
});
