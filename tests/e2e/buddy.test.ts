// `keel buddy` through the compiled binary: the card comes from the buddy plugin's host (the
// binary re-executed), is the one the plugin's code computes for that id, stays the same per
// install and per account, and is hidden while the buddy flag is off.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { freshDir, KEEL_BIN, runKeel } from "../support/binary.ts";
import { TMUX, tmuxServer } from "../support/tmux.ts";
import { type AnthropicServer, createGate, startAnthropicServer, text, toolUse } from "../support/anthropic/index.ts";
import { companionMod } from "../plugins/buddy/load.ts";

const PLUGIN_DIR = resolve(import.meta.dir, "../../plugins/buddy");
const ON = ["--flag", "buddy=true"];
const DEV = ["--plugin-dir", PLUGIN_DIR];

describe("keel buddy", () => {
  test("dark while the buddy flag is off: not in --help, not a command", async () => {
    const help = await runKeel(["--help"]);
    expect(help.stdout).not.toMatch(/^\s+buddy\b/m);
    const r = await runKeel(["buddy"]);
    expect(r.exitCode).not.toBe(0);
    expect(r.stderr).toContain("unknown command 'buddy'");
    const on = await runKeel([...ON, "--help"]);
    expect(on.stdout).toMatch(/^\s+buddy \[options\]\s+your companion's card/m);
  });

  test("--id X --json is exactly the card the plugin's code gives X", async () => {
    for (const id of ["alice@example.com", "someone-else"]) {
      const r = await runKeel([...ON, "buddy", "--id", id, "--json", ...DEV]);
      expect(r.stderr).not.toContain("error");
      expect(r.exitCode).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual(JSON.parse(JSON.stringify(companionMod.companion(id))));
    }
  });

  test("without --id: this install's companion, the same on every run, from <KEEL_HOME>/state/install-id", async () => {
    const home = freshDir("keel-home-");
    const first = JSON.parse((await runKeel([...ON, "buddy", "--json", ...DEV], { home })).stdout);
    const id = readFileSync(join(home, "state", "install-id"), "utf8").trim();
    expect(first.id).toBe(id);
    const again = JSON.parse((await runKeel([...ON, "buddy", "--json", ...DEV], { home })).stdout);
    expect(again).toEqual(first);
    // Another install gets its own id (and so, almost surely, another companion).
    const other = JSON.parse((await runKeel([...ON, "buddy", "--json", ...DEV])).stdout);
    expect(other.id).not.toBe(id);
  });

  test("KEEL_ACCOUNT_ID decides the companion on any install, and the card says so", async () => {
    const env = { KEEL_ACCOUNT_ID: "alice@example.com" };
    const a = await runKeel([...ON, "buddy", ...DEV], { env });
    const b = await runKeel([...ON, "buddy", ...DEV], { env });
    expect(a.exitCode).toBe(0);
    expect(a.stdout).toBe(b.stdout); // two fresh KEEL_HOMEs: two "machines"
    expect(a.stdout).toContain("Wrenbert");
    expect(a.stdout).toContain("Uncommon Capybara");
    expect(a.stdout).toContain("id alice@example.com (KEEL_ACCOUNT_ID)");
    expect(a.stdout).toMatch(/Wisdom\s+█+░*\s+79 ▲/);
  });

  test("the card is a box with the sprite, stars and stat bars; colour only when allowed", async () => {
    const plain = await runKeel([...ON, "buddy", "--id", "alice@example.com", ...DEV]);
    const lines = plain.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^╭─+╮$/);
    expect(lines.at(-1)).toMatch(/^╰─+╯$/);
    expect(new Set(lines.map((l) => [...l].length)).size).toBe(1);
    expect(plain.stdout).toContain("★★☆☆☆");
    expect(plain.stdout).toContain("id alice@example.com (preview)");
    expect(plain.stdout).toContain("/ o   \\__");
    expect(plain.stdout).not.toContain("\x1b[");
    const coloured = await runKeel([...ON, "buddy", "--id", "alice@example.com", ...DEV], { env: { NO_COLOR: "", FORCE_COLOR: "1" } });
    expect(coloured.stdout).toContain("\x1b[32mUncommon Capybara\x1b[39m");
  });

  test("not installed: one line naming the fix (and the harbor flag, while that is off)", async () => {
    const r = await runKeel([...ON, "--flag", "harbor=false", "buddy"]);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toEqual([
      "error: the buddy plugin is not installed: run `keel plugin install buddy`",
      "`keel plugin` needs the harbor flag: keel flags set harbor true",
    ]);
    const harbor = await runKeel([...ON, "buddy"]); // harbor is on by default
    expect(harbor.stderr.trim()).toBe("error: the buddy plugin is not installed: run `keel plugin install buddy`");
  });

  test("a plugin whose card is wrong or throws: a clear error, nothing printed on stdout", async () => {
    const dir = freshDir("keel-fake-buddy-");
    cpSync(join(PLUGIN_DIR, "plugin.json"), join(dir, "plugin.json"));
    writeFileSync(join(dir, "host.js"), `export const widgets = { companion: { frames: () => [["x"]] } };
export const calls = { card: (params) => { if (params?.id === "boom") throw new Error("no card today"); return { id: "x", name: "X", stars: 9 }; } };\n`);
    const wrong = await runKeel([...ON, "buddy", "--plugin-dir", dir]);
    expect(wrong.exitCode).toBe(1);
    expect(wrong.stdout).toBe("");
    expect(wrong.stderr).toContain("error: plugin buddy returned a card keel cannot show: ");
    const thrown = await runKeel([...ON, "buddy", "--id", "boom", "--plugin-dir", dir]);
    expect(thrown.exitCode).toBe(1);
    expect(thrown.stderr).toContain("no card today");
    expect(thrown.stderr).not.toContain("internal error");
  });

  test("a bad --id is refused by name before any plugin runs", async () => {
    const r = await runKeel([...ON, "buddy", "--id", "", ...DEV]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain("--id must be a non-empty id of at most 256 characters");
  });
});

/** The user's flow: both flags on, buddy installed from the registry embedded in the binary. */
async function installedHome(): Promise<string> {
  const home = freshDir("keel-home-");
  for (const flag of ["buddy", "harbor"]) expect((await runKeel(["flags", "set", flag, "true"], { home })).exitCode).toBe(0);
  const install = await runKeel(["plugin", "install", "buddy", "--yes"], { home });
  expect(install.stderr).not.toContain("error");
  expect(install.stdout).toContain("installed buddy 1.0.0 (signed by keel)");
  return home;
}

describe("keel buddy, installed from the embedded registry", () => {
  test("flags set buddy true, plugin install buddy, then keel buddy shows this install's card", async () => {
    const home = await installedHome();
    const r = await runKeel(["buddy", "--json"], { home });
    // Without bubblewrap (a machine that has not installed it) the one thing said is that plugins run unsandboxed.
    expect(r.stderr.replace(/^warning: plugin hosts run without a sandbox here \(bubblewrap \(bwrap\) is not installed\)[^\n]*\n/, "")).toBe("");
    const id = readFileSync(join(home, "state", "install-id"), "utf8").trim();
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(JSON.stringify(companionMod.companion(id))));
    const preview = await runKeel(["buddy", "--id", "alice@example.com"], { home });
    expect(preview.stdout).toContain("Wrenbert");
  });
});

const term = tmuxServer("keel-buddy");
let server: AnthropicServer;
beforeAll(async () => (server = await startAnthropicServer({ apiKey: "k" })));
afterAll(() => {
  server.close();
  if (TMUX) term.kill();
});

describe.skipIf(!TMUX)("/buddy in the REPL", () => {
  test("shows the account's card, previews another id, and is listed in /help", async () => {
    const home = await installedHome();
    const cwd = freshDir("keel-buddy-repl-");
    mkdirSync(join(cwd, ".git"));
    // No model call is made: an endpoint that refuses connections is enough to open the session.
    term.start("b", cwd, { KEEL_HOME: home, KEEL_ACCOUNT_ID: "alice@example.com", ANTHROPIC_API_KEY: "k", ANTHROPIC_BASE_URL: "http://127.0.0.1:9", NO_COLOR: "1" }, KEEL_BIN, { x: 120, y: 60 });
    await term.waitFor("b", "context 0%");
    term.keys("b", "/help", "Enter");
    await term.waitFor("b", "/buddy  your companion's card");
    term.keys("b", "/buddy", "Enter");
    const card = await term.waitFor("b", "id alice@example.com (KEEL_ACCOUNT_ID)");
    expect(card).toContain("Wrenbert");
    expect(card).toContain("Uncommon Capybara");
    const other = companionMod.companion("someone-else");
    term.keys("b", "/buddy someone-else", "Enter");
    const preview = await term.waitFor("b", "id someone-else (preview)");
    expect(preview).toContain(`${other.rarityLabel} ${other.speciesLabel}`);
    term.keys("b", "/exit", "Enter");
    await term.waitFor("b", "EXIT:0");
  });

  test("the companion animates beside the prompt and remarks on a failed tool and a finished turn", async () => {
    const home = await installedHome();
    const cwd = freshDir("keel-buddy-repl-");
    mkdirSync(join(cwd, ".git"));
    const gate = createGate();
    server.reset();
    server.enqueue(toolUse("Read", { file_path: join(cwd, "missing.txt") }), text("could not read it", { hold: gate }));
    // alice@example.com: a stoic capybara (frames: idle, blink, stepping).
    term.start("w", cwd, { KEEL_HOME: home, KEEL_ACCOUNT_ID: "alice@example.com", ANTHROPIC_API_KEY: "k", ANTHROPIC_BASE_URL: server.url, NO_COLOR: "1" }, KEEL_BIN, { x: 120, y: 40 });
    await term.waitFor("w", "(.        )");
    await term.waitFor("w", "/ -   \\__"); // the blink frame: it animates
    await term.waitFor("w", "/_/  \\_\\");
    term.keys("w", "read missing.txt", "Enter");
    await term.waitFor("w", "Hm. A failure. Noted.");
    gate.open();
    await term.waitFor("w", "could not read it");
    await term.waitFor("w", "Hm. Complete.");
    term.keys("w", "/exit", "Enter");
    await term.waitFor("w", "EXIT:0");
  });

  test("without the flag there is no /buddy", async () => {
    const cwd = freshDir("keel-buddy-repl-");
    mkdirSync(join(cwd, ".git"));
    term.start("n", cwd, { KEEL_HOME: freshDir("keel-home-"), ANTHROPIC_API_KEY: "k", ANTHROPIC_BASE_URL: "http://127.0.0.1:9", NO_COLOR: "1" }, KEEL_BIN, { x: 120, y: 40 });
    await term.waitFor("n", "context 0%");
    term.keys("n", "/buddy", "Enter");
    await term.waitFor("n", "unknown command /buddy");
    term.keys("n", "/exit", "Enter");
    await term.waitFor("n", "EXIT:0");
  });
});
