// `keel` with no prompt at a terminal: the interactive session. This controller opens the
// session (shared set-up), runs one loop per prompt, records every event, and hands the
// events to the UI, which only renders. Permission questions go to the UI's dialog.
import { historyTokens } from "../context/index.ts";
import { compactHistory, markCompacted, noHooks, runAgent, stopBackgroundShells, switchModel, toRecord } from "../engine/index.ts";
import type { MessageParam } from "../model/index.ts";
import { summarizeInput } from "../tools/index.ts";
import { suggestRule } from "../safety/index.ts";
import { type SlashCommand, startUi, type UiHandle } from "../ui/index.ts";
import { headlessOptions } from "./headless-options.ts";
import { headlessSettings } from "./headless-settings.ts";
import { allowAlways } from "./permission-ask.ts";
import { fromOptions, openSession } from "./session-setup.ts";
import { processSettings } from "./settings-context.ts";

const COMMANDS: SlashCommand[] = [
  { name: "help", description: "keys and commands" },
  { name: "clear", description: "start a fresh conversation (the transcript keeps the old one)" },
  { name: "model", description: "show or switch the model: /model <name>" },
  { name: "compact", description: "summarise the conversation so far to free context (same code as auto-compaction)" },
  { name: "resume", description: "list this project's sessions, or continue one: /resume <id>" },
  { name: "flags", description: "feature flags and their values" },
  { name: "buddy", description: "your companion's card (flag buddy): /buddy <id> previews another id's" },
  { name: "exit", description: "leave keel" },
];

const help = (commands: readonly SlashCommand[]) =>
  [
    "Enter sends · \\ then Enter (or Alt+Enter) adds a line · ↑/↓ history · Tab completes /commands",
    "a prompt sent while the agent works goes when it is done · Esc interrupts the agent and drops queued prompts · Ctrl-C twice quits",
    ...commands.map((c) => `/${c.name.padEnd(6)} ${c.description}`),
  ].join("\n");

export async function repl(raw: Record<string, unknown>): Promise<void> {
  const opts = headlessOptions(raw);
  const { stateDir, ...settings } = await headlessSettings(raw);
  const loaded = await processSettings();
  // /buddy exists only while its flag is on, like `keel buddy`.
  const commands = (await import("./buddy.ts").then((b) => b.buddyFlagOn())) ? COMMANDS : COMMANDS.filter((c) => c.name !== "buddy");
  let ui: UiHandle | undefined;
  const early: string[] = [];
  const notify = (line: string) => (ui ? ui.say("info", line) : early.push(line));

  const s = await openSession({
    cwd: process.cwd(),
    env: process.env,
    stateDir,
    settings,
    ...fromOptions(opts),
    notify,
    ask: (gate) => async (req) => {
      const rule = suggestRule(req.tool, req.input, loaded.paths.projectRoot);
      const a = await (ui as UiHandle).ask({ tool: req.tool, summary: summarizeInput(req.input, 300), ...(req.reason ? { reason: req.reason } : {}), rule });
      if (a.behavior === "deny") return a.feedback ? { behavior: "deny", feedback: a.feedback } : "deny";
      if (a.always) notify(`saved ${rule} to ${await allowAlways(gate, loaded, rule)}`);
      return "allow";
    },
  });

  // Plugin commands join the menu after the built-in ones (a built-in name wins).
  const builtin = new Set(commands.map((c) => c.name));
  const menu: SlashCommand[] = [
    ...commands,
    ...s.plugins.commands.filter((c) => !builtin.has(c.name)).map((c) => ({ name: c.name, description: `${c.description}${c.argumentHint ? ` ${c.argumentHint}` : ""} (plugin ${c.plugin})` })),
  ];
  const history: MessageParam[] = [...(s.prior?.messages ?? [])];
  const granted = new Set<string>();
  const store = new Map<string, unknown>();
  let model = s.model;
  let running: AbortController | undefined;
  let resumed = s.prior !== undefined;
  /** Prompts sent while a turn runs: each goes when the one before it ends; Esc drops them. */
  const queued: string[] = [];

  async function prompt(text: string, shown = text): Promise<void> {
    const u = ui as UiHandle;
    u.say("user", shown);
    running = new AbortController();
    try {
      for await (const ev of runAgent({ ...s.agent, model, prompt: text, history: [...history], resumed, signal: running.signal, store })) {
        const record = toRecord(ev);
        if (record) s.writer.append(record);
        if (ev.type === "message") history.push(ev.message);
        u.dispatch(ev);
        widgets?.engineEvent(ev);
      }
    } catch (e) {
      u.say("error", (e as Error).message);
    } finally {
      running = undefined;
      resumed = false;
      sendQueued();
    }
  }

  /** Prompts, plugin commands and /compact wait for the running turn; other commands answer at once. */
  function submit(text: string): void {
    const name = text.startsWith("/") ? slashWords(text)[0] : undefined;
    if (running && (name === undefined || name === "compact" || !builtin.has(name))) {
      queued.push(text);
      return ui?.say("info", `queued: sent when the agent is done (${queued.length} waiting; Esc drops ${queued.length === 1 ? "it" : "them"})`);
    }
    if (name === undefined) void prompt(text);
    else command(text).catch((e: Error) => ui?.say("error", e.message));
  }

  function sendQueued(): void {
    const next = queued.shift();
    if (next !== undefined) submit(next);
  }

  function interrupt(): void {
    running?.abort();
    if (queued.length) ui?.say("info", `dropped ${queued.length} queued prompt${queued.length === 1 ? "" : "s"}`);
    queued.length = 0;
  }

  /** Leaving: the running turn stops, and nothing queued is sent after it. */
  function quit(): void {
    queued.length = 0;
    running?.abort();
  }

  async function command(line: string): Promise<void> {
    const u = ui as UiHandle;
    const [name, ...args] = slashWords(line);
    if (name === "help") return u.say("info", help(menu));
    if (name === "clear") {
      history.length = 0;
      return u.say("info", "— new conversation —");
    }
    if (name === "model") {
      const to = args[0];
      // PreModelSwitch may keep the model; the person hears the hook's reason.
      const r = to ? await switchModel(s.agent.hooks ?? noHooks, { sessionId: s.sessionId, cwd: process.cwd(), from: model, to, reason: "user" }, () => (model = to)) : {};
      if (r.blocked !== undefined) return u.say("error", `model not switched (still ${model}): ${r.blocked}`);
      return u.say("info", `model: ${model}`);
    }
    if (name === "compact") {
      if (!history.length) return u.say("info", "nothing to compact yet");
      const before = historyTokens(history);
      u.say("info", "compacting…");
      running = new AbortController();
      try {
        const next = await compactHistory({ source: s.agent.source, model, sessionId: s.sessionId, cwd: process.cwd(), hooks: s.agent.hooks ?? noHooks }, history, running.signal, "manual");
        history.splice(0, history.length, ...next);
        markCompacted(store);
        return u.say("info", `compacted: about ${before} → ${historyTokens(history)} tokens of history`);
      } finally {
        running = undefined;
        sendQueued();
      }
    }
    if (name === "resume") {
      const { findSession, loadTranscript, recentSessions } = await import("../session/index.ts");
      if (!args[0]) {
        const rows = recentSessions(stateDir, process.cwd()).filter((r) => r.id !== s.sessionId);
        if (!rows.length) return u.say("info", "no earlier sessions in this project");
        return u.say("info", rows.map((r) => `${r.id}  ${new Date(r.mtimeMs).toLocaleString()}  ${firstPrompt(loadTranscript(r.path).messages)}`).join("\n"));
      }
      const prior = loadTranscript(findSession(stateDir, process.cwd(), args[0]));
      history.length = 0;
      history.push(...prior.messages);
      return u.say("info", `resumed ${prior.id}: ${prior.messages.length} messages of context (new turns are recorded in this session)`);
    }
    if (name === "flags") {
      const { FlagSession } = await import("../flags/index.ts");
      const { flagContext } = await import("./flags.ts");
      const snap = (await FlagSession.open(flagContext([]))).snapshot as unknown as Record<string, unknown>;
      return u.say("info", Object.entries(snap).map(([k, v]) => `${k} = ${JSON.stringify(v)}`).join("\n"));
    }
    if (name === "buddy" && commands.some((c) => c.name === "buddy")) {
      return u.say("info", await (await import("./buddy.ts")).buddySlash(args.filter(Boolean), (line) => u.say("info", line)));
    }
    if (name === "exit") return (quit(), u.close(), undefined); // unmounting resolves ui.exited
    const plugin = builtin.has(name) ? undefined : s.plugins.expand(line);
    if (plugin) {
      // The gate has no per-prompt rules: a command's `allowed-tools` stay granted for the session, and the person is told.
      const fresh = plugin.allowedTools.filter((r) => !granted.has(r));
      for (const rule of fresh) (granted.add(rule), s.gate.remember({ rule, behavior: "allow", layer: `command /${plugin.name}` }));
      if (fresh.length) u.say("info", `/${name} (${plugin.name}) allows ${fresh.join(", ")} without asking, for the rest of this session`);
      return prompt(plugin.prompt, line);
    }
    u.say("error", `unknown command /${name}; /help lists them`);
  }

  ui = startUi({
    model,
    commands: menu,
    onSubmit: submit,
    onInterrupt: interrupt,
    onExit: quit,
    onFocus: (focused) => store.set("terminal.focused", focused),
  });
  for (const line of early) ui.say("info", line);
  // Plugin widgets draw beside the prompt; their hosts start in the background, never blocking input.
  const handle = ui;
  const widgets = s.plugins.widgets({ onChange: (w) => handle.setWidgets(w), notify });
  widgets?.start();
  if (s.prior) ui.say("info", `resumed session ${s.sessionId} (${history.length} messages)`);

  await ui.exited;
  ui.close();
  s.watch.close();
  s.writer.close();
  await stopBackgroundShells(store).catch(() => undefined);
  await s.mcp.close();
  widgets?.stop();
  await s.plugins.close();
  // Open keep-alive sockets to the model endpoint must not hold the terminal.
  process.exit(0);
}

/** `/name args…` as its words: the name first. */
function slashWords(line: string): [string, ...string[]] {
  return line.slice(1).trim().split(/\s+/) as [string, ...string[]];
}

function firstPrompt(messages: readonly MessageParam[]): string {
  const m = messages.find((x) => x.role === "user");
  const text = typeof m?.content === "string" ? m.content : (m?.content.find((b) => b.type === "text") as { text?: string } | undefined)?.text;
  return (text ?? "").replace(/\s+/g, " ").slice(0, 60);
}
