// Permission answers at a real terminal (tmux): "always" runs the command and saves the
// rule to .keel/settings.local.json, so the next run does not ask; "no" with feedback
// keeps the command from running and hands the feedback to the model.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type AnthropicServer, startAnthropicServer, text, toolUse } from "../support/anthropic/index.ts";
import { freshDir, KEEL_BIN } from "../support/binary.ts";

const TMUX = Bun.which("tmux");
if (!TMUX) console.log("permission tmux tests skipped: tmux is not installed");
const SOCKET = `keel-perm-${process.pid}`;

let server: AnthropicServer;
beforeAll(async () => (server = await startAnthropicServer({ apiKey: "k" })));
afterAll(() => {
  server.close();
  if (TMUX) Bun.spawnSync([TMUX, "-L", SOCKET, "kill-server"]);
});

const tmux = (...args: string[]) => Bun.spawnSync([TMUX as string, "-L", SOCKET, ...args], { stdout: "pipe", stderr: "pipe" });
const screen = (s: string) => tmux("capture-pane", "-p", "-J", "-S", "-200", "-t", s).stdout.toString();

async function waitFor(session: string, needle: string | RegExp): Promise<string> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const out = screen(session);
    if (typeof needle === "string" ? out.includes(needle) : needle.test(out)) return out;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${needle}; the screen shows:\n${out}`);
    await Bun.sleep(25);
  }
}

/** Starts `keel -p go` in a fresh tmux session, in `cwd`, against the test server. */
function start(name: string, cwd: string, home: string): void {
  const script = join(cwd, `.run-${name}.sh`);
  writeFileSync(
    script,
    [
      `cd ${cwd}`,
      `export KEEL_HOME=${home} ANTHROPIC_API_KEY=k ANTHROPIC_BASE_URL=${server.url} NO_COLOR=1`,
      `unset KEEL_FLAGS BUN_BE_BUN`,
      `${KEEL_BIN} -p go; echo "EXIT:$?"; sleep 30`,
    ].join("\n"),
  );
  const r = tmux("new-session", "-d", "-s", name, "-x", "160", "-y", "50", `bash ${script}`);
  if (r.exitCode !== 0) throw new Error(r.stderr.toString());
}

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
    tmux("send-keys", "-t", "always", "a", "Enter");
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
    tmux("send-keys", "-t", "deny", "n", "Enter");
    await waitFor("deny", "what should keel do instead?");
    tmux("send-keys", "-t", "deny", "keep the build output", "Enter");
    await waitFor("deny", "EXIT:0");
    expect(existsSync(join(cwd, "out", "one"))).toBe(true);
    const result = JSON.stringify(server.messageRequests()[1]?.body.messages.at(-1).content);
    expect(result).toContain("was denied");
    expect(result).toContain("The person said: keep the build output");
  });
});
