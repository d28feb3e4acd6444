// `keel plugin browse` at a real terminal (tmux): type to filter, Enter for info, i to install
// with the capability question answered y, the progress bar drawn, then quit.
import { afterAll, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { freshDir, KEEL_BIN } from "../support/binary.ts";
import { TMUX, tmuxServer } from "../support/tmux.ts";

if (!TMUX) console.log("plugin browse tmux test skipped: tmux is not installed");
const term = tmuxServer("keel-browse");
afterAll(() => TMUX && term.kill());

test.skipIf(!TMUX)("browse: filter, info, install with consent, quit", async () => {
  const home = freshDir("keel-home-");
  term.start("browse", freshDir("keel-cwd-"), { KEEL_HOME: home, NO_COLOR: "1" }, `${KEEL_BIN} --flag harbor=true plugin browse`, { x: 120, y: 30 });
  const first = await term.waitFor("browse", "type to filter");
  expect(first).toContain("commit-helper");
  expect(first).toContain("buddy");

  term.keys("browse", "-l", "commit");
  const filtered = await term.waitFor("browse", "filter: commit");
  expect(filtered).toContain("1 of 2");
  expect(filtered).not.toMatch(/^\s*buddy/m);

  term.keys("browse", "Enter");
  const info = await term.waitFor("browse", "i install");
  expect(info).toContain("publisher     keel (signed)");
  expect(info).toContain("- run commands on this machine (run-commands)");

  term.keys("browse", "i");
  const asked = await term.waitFor("browse", "Install commit-helper");
  expect(asked).toContain("once installed it will be able to:");
  term.keys("browse", "y", "Enter");
  const done = await term.waitFor("browse", "installed commit-helper");
  expect(done).toContain("[installed 1.0.0]");

  term.keys("browse", "C-c");
  const exited = await term.waitFor("browse", "EXIT:0");
  expect(exited).toMatch(/downloading commit-helper 1\.0\.0 \[#+\] 100%/); // the bar, left on the normal screen
  const lock = JSON.parse(readFileSync(join(home, "state", "plugins", "lock.json"), "utf8"));
  expect(Object.keys(lock.plugins)).toEqual(["commit-helper"]);
});
