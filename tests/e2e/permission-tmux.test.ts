// Permission answers at a real terminal (tmux): "always" runs the command and saves the
// rule to .keel/settings.local.json, so the next run does not ask; "no" with feedback
// keeps the command from running and hands the feedback to the model.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type AnthropicServer, startAnthropicServer, text, toolUse } from "../support/anthropic/index.ts";
import { freshDir, KEEL_BIN } from "../support/binary.ts";
import { TMUX, tmuxServer } from "../support/tmux.ts";

if (!TMUX) console.log("permission tmux tests skipped: tmux is not installed");
const term = tmuxServer("keel-perm");

let server: AnthropicServer;
beforeAll(async () => (server = await startAnthropicServer({ apiKey: "k" })));
afterAll(() => {
  server.close();
  if (TMUX) term.kill();
});

/** Starts `keel -p go` in a fresh tmux session, in `cwd`, against the test server. */
const start = (name: string, cwd: string, home: string) =>
  term.start(name, cwd, { KEEL_HOME: home, ANTHROPIC_API_KEY: "k", ANTHROPIC_BASE_URL: server.url, NO_COLOR: "1" }, `${KEEL_BIN} -p go`);
const waitFor = term.waitFor;

describe.skipIf(!TMUX)("permission answers at the terminal", () => {
  test("always: runs, saves the rule, and the next run does not ask; no + feedback: blocked, feedback reaches the model", async () => {
    const cwd = freshDir("keel-perm-");
    const home = freshDir("keel-home-");
    mkdirSync(join(cwd, ".git"));

    server.reset();
    server.enqueue(toolUse("Bash", { command: "mkdir -p out/one" }), text("made one"));
    start("always", cwd, home);
    const asked = await waitFor("always", "keel wants to use Bash");
    expect(asked).toContain("mkdir -p out/one");
    expect(asked).toContain("always allow Bash(mkdir:*)");
    term.keys("always", "a", "Enter");
    await waitFor("always", "EXIT:0");
    expect(existsSync(join(cwd, "out", "one"))).toBe(true);
    const local = JSON.parse(readFileSync(join(cwd, ".keel", "settings.local.json"), "utf8"));
    expect(local.permissions.allow).toEqual(["Bash(mkdir:*)"]);

    server.reset();
    server.enqueue(toolUse("Bash", { command: "mkdir -p out/two" }), text("made two"));
    start("again", cwd, home);
    const second = await waitFor("again", "EXIT:0");
    expect(second).not.toContain("keel wants to use");
    expect(existsSync(join(cwd, "out", "two"))).toBe(true);

    server.reset();
    server.enqueue(toolUse("Bash", { command: "rm -rf out" }), text("fine, kept it"));
    start("deny", cwd, home);
    await waitFor("deny", "keel wants to use Bash");
    term.keys("deny", "n", "Enter");
    await waitFor("deny", "what should keel do instead?");
    term.keys("deny", "keep the build output", "Enter");
    await waitFor("deny", "EXIT:0");
    expect(existsSync(join(cwd, "out", "one"))).toBe(true);
    const result = JSON.stringify(server.messageRequests()[1]?.body.messages.at(-1).content);
    expect(result).toContain("was denied");
    expect(result).toContain("The person said: keep the build output");
  });
});
