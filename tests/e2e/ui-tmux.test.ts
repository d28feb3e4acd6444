// The REPL in a real terminal (tmux) against the test server: a typed prompt gets a
// streamed reply; a command waits on the permission dialog and runs after "y"; an edit
// shows its diff; a prompt sent while the agent works waits its turn; Esc interrupts a reply
// in flight and drops what waits; Ctrl-C twice quits.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { overlaySupport } from "../../src/overlay/index.ts";
import { join } from "node:path";
import { type AnthropicServer, createGate, startAnthropicServer, text, toolUse } from "../support/anthropic/index.ts";
import { freshDir, KEEL_BIN } from "../support/binary.ts";
import { TMUX, tmuxServer } from "../support/tmux.ts";

if (!TMUX) console.log("UI tmux tests skipped: tmux is not installed");
const term = tmuxServer("keel-ui");
const overlayOk = (await overlaySupport()).available;

let server: AnthropicServer;
beforeAll(async () => (server = await startAnthropicServer({ apiKey: "k" })));
afterAll(() => {
  server.close();
  if (TMUX) term.kill();
});

describe.skipIf(!TMUX)("keel REPL", () => {
  test("prompt → streamed reply; permission dialog; diff; a queued prompt; Esc interrupts and drops the queue; Ctrl-C twice quits", async () => {
    const cwd = freshDir("keel-ui-");
    mkdirSync(join(cwd, ".git"));
    writeFileSync(join(cwd, "notes.txt"), "alpha\nbeta\n");
    server.reset();
    server.enqueue(text("Hello from **keel**, streamed in small chunks", { chunkSize: 4 }));
    term.start("r", cwd, { KEEL_HOME: freshDir("keel-home-"), ANTHROPIC_API_KEY: "k", ANTHROPIC_BASE_URL: server.url, NO_COLOR: "1" }, KEEL_BIN, { x: 120, y: 60 });
    await term.waitFor("r", "context 0%");

    term.keys("r", "say hello", "Enter");
    await term.waitFor("r", "Hello from keel, streamed in small chunks");
    expect(term.screen("r")).toContain("› say hello");

    server.enqueue(text("Goal: say hello. Done so far: said hello."));
    term.keys("r", "/compact", "Enter");
    await term.waitFor("r", /compacted: about \d+ → \d+ tokens/);
    expect(JSON.stringify(server.messageRequests().at(-1)!.body.messages.at(-1))).toContain("Write a handoff summary");

    server.enqueue(toolUse("Bash", { command: "touch approved.txt" }), text("made it"));
    term.keys("r", "make a file", "Enter");
    const dialog = await term.waitFor("r", "keel wants to use Bash");
    expect(dialog).toContain("touch approved.txt");
    expect(existsSync(join(cwd, "approved.txt"))).toBe(false);
    term.keys("r", "y");
    await term.waitFor("r", "made it");
    expect(existsSync(join(cwd, "approved.txt"))).toBe(true);
    const afterCompact = JSON.stringify(server.messageRequests().at(-2)!.body.messages);
    expect(afterCompact).toContain("Goal: say hello. Done so far: said hello.");
    expect(afterCompact).not.toContain("Hello from keel, streamed in small chunks");

    server.enqueue(
      toolUse("Read", { file_path: join(cwd, "notes.txt") }),
      toolUse("Edit", { file_path: join(cwd, "notes.txt"), old_string: "beta", new_string: "gamma" }),
      text("edited"),
    );
    term.keys("r", "edit the notes", "Enter");
    await term.waitFor("r", "keel wants to use Edit");
    term.keys("r", "y");
    const diff = await term.waitFor("r", "edited");
    expect(diff).toContain("-beta");
    expect(diff).toContain("+gamma");

    // A prompt sent while the agent works waits for the turn to end, then goes.
    const held = createGate();
    server.enqueue(text("first answer, held open", { hold: held }), text("second answer"));
    term.keys("r", "first ask", "Enter");
    await term.waitFor("r", "first answer, held open");
    term.keys("r", "second ask", "Enter");
    await term.waitFor("r", "queued: sent when the agent is done (1 waiting; Esc drops it)");
    expect(JSON.stringify(server.messageRequests().at(-1)!.body.messages)).not.toContain("second ask");
    held.open();
    await term.waitFor("r", "second answer");
    expect(JSON.stringify(server.messageRequests().at(-1)!.body.messages.at(-1))).toContain("second ask");

    const gate = createGate();
    server.enqueue(text("this reply never finishes", { hold: gate }));
    term.keys("r", "long one", "Enter");
    await term.waitFor("r", "working (Esc interrupts)");
    term.keys("r", "never sent", "Enter");
    await term.waitFor("r", /queued: sent[^]*queued: sent/);
    term.keys("r", "Escape");
    await term.waitFor("r", "dropped 1 queued prompt");
    await term.waitFor("r", "interrupted");
    gate.open();

    term.keys("r", "/resume", "Enter");
    await term.waitFor("r", "no earlier sessions in this project");
    term.keys("r", "/resume nope", "Enter");
    await term.waitFor("r", 'error: --resume: "nope" is not a session id');
    expect(JSON.stringify(server.messageRequests().map((r) => r.body.messages))).not.toContain("never sent");

    term.keys("r", "C-c");
    await term.waitFor("r", "press Ctrl-C again to quit");
    term.keys("r", "C-c");
    await term.waitFor("r", "EXIT:0");
  });

  test.skipIf(!overlayOk)("--speculative REPL: changes wait in the overlay; on exit the person sees the diff and approves", async () => {
    const cwd = freshDir("keel-ui-spec-");
    mkdirSync(join(cwd, ".git"));
    server.reset();
    server.enqueue(toolUse("Write", { file_path: join(cwd, "plan.md"), content: "# plan\n" }), text("wrote the plan"));
    const env = { KEEL_HOME: freshDir("keel-home-"), ANTHROPIC_API_KEY: "k", ANTHROPIC_BASE_URL: server.url, NO_COLOR: "1" };
    term.start("s", cwd, env, `${KEEL_BIN} --flag speculative=true --speculative --permission-mode acceptEdits`, { x: 120, y: 50 });
    await term.waitFor("s", "context 0%");
    term.keys("s", "write a plan", "Enter");
    await term.waitFor("s", "wrote the plan");
    expect(existsSync(join(cwd, "plan.md"))).toBe(false);
    term.keys("s", "C-c");
    term.keys("s", "C-c");
    await term.waitFor("s", "[d] show the diff");
    term.keys("s", "d", "Enter");
    await term.waitFor("s", "+# plan");
    term.keys("s", "a", "Enter");
    await term.waitFor("s", "EXIT:0");
    expect(readFileSync(join(cwd, "plan.md"), "utf8")).toBe("# plan\n");
  });
});
