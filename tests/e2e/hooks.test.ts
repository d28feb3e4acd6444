// `keel hooks list` through dist/keel over a project's settings.
import { expect, test } from "bun:test";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { freshDir, runKeel } from "../support/binary.ts";

test("keel hooks list --json shows every hook, its source, and problems by file", async () => {
  const cwd = freshDir("keel-hooks-");
  mkdirSync(join(cwd, ".keel"), { recursive: true });
  mkdirSync(join(cwd, ".git"));
  const file = join(cwd, ".keel", "settings.json");
  writeFileSync(file, JSON.stringify({ hooks: { PreToolUse: [{ matcher: "Bash", hooks: [{ type: "command", command: "./check.sh", timeout: 5 }] }], Bogus: [] } }));
  const r = await runKeel(["hooks", "list", "--json"], { cwd });
  expect(r.exitCode).toBe(0);
  const out = JSON.parse(r.stdout);
  expect(out.hooks).toEqual([{ event: "PreToolUse", matcher: "Bash", kind: "command", runs: "./check.sh", timeoutSeconds: 5, once: false, async: false, source: file, duplicate: false }]);
  expect(out.problems).toEqual([`${file}: hooks.Bogus: unknown event`]);
});

test("keel hooks list shows a plugin's hooks/hooks.json (Claude Code plugin via --plugin-dir) after the settings' hooks", async () => {
  const cwd = freshDir("keel-hooks-plugin-");
  const plugin = join(freshDir("keel-hooks-plugin-src-"), "guard");
  mkdirSync(join(plugin, ".claude-plugin"), { recursive: true });
  mkdirSync(join(plugin, "hooks"));
  writeFileSync(join(plugin, ".claude-plugin", "plugin.json"), JSON.stringify({ name: "guard" }));
  writeFileSync(join(plugin, "hooks", "hooks.json"), JSON.stringify({ hooks: { PreToolUse: [{ matcher: "Write", hooks: [{ type: "command", command: "${CLAUDE_PLUGIN_ROOT}/check.sh" }] }] } }));
  const r = await runKeel(["--plugin-dir", plugin, "hooks", "list", "--json"], { cwd });
  expect(r.exitCode).toBe(0);
  const rows = JSON.parse(r.stdout).hooks as Array<Record<string, unknown>>;
  expect(rows.map((h) => [h.event, h.matcher, h.kind, h.runs])).toEqual([["PreToolUse", "Write", "command", "${CLAUDE_PLUGIN_ROOT}/check.sh"]]);
  expect(String(rows[0]?.source)).toContain("guard");
});
