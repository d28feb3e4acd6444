// Speculative execution through dist/keel: a session's Write and Bash changes wait in an
// overlay (the project is untouched), `overlay diff` shows them, approve applies them,
// reject discards them. The option exists only while the `speculative` flag is on.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { overlaySupport } from "../../src/overlay/index.ts";
import { type AnthropicServer, startAnthropicServer, text, toolUse } from "../support/anthropic/index.ts";
import { freshDir, runKeel } from "../support/binary.ts";

const support = await overlaySupport();
if (!support.available) console.log(`speculative e2e skipped: ${support.reason}`);

let server: AnthropicServer;
beforeAll(async () => (server = await startAnthropicServer({ apiKey: "k" })));
afterAll(() => server.close());

const ON = ["--flag", "speculative=true"];

function project(): { cwd: string; home: string; env: Record<string, string> } {
  const cwd = freshDir("keel-spec-");
  mkdirSync(join(cwd, ".git"));
  writeFileSync(join(cwd, "a.txt"), "original\n");
  return { cwd, home: freshDir("keel-home-"), env: { ANTHROPIC_API_KEY: "k", ANTHROPIC_BASE_URL: server.url } };
}

describe("--speculative", () => {
  test("absent while the flag is off", async () => {
    const r = await runKeel(["-p", "x", "--speculative"]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain("unknown option '--speculative'");
  });

  test.skipIf(!support.available)("changes wait in the overlay; diff shows them; approve applies exactly them", async () => {
    const p = project();
    // Write over an existing file needs a Read of it first in the session.
    server.reset();
    server.enqueue(
      toolUse("Read", { file_path: join(p.cwd, "a.txt") }),
      toolUse("Write", { file_path: join(p.cwd, "a.txt"), content: "rewritten\n" }),
      toolUse("Bash", { command: "echo from-shell > made.txt" }),
      text("done"),
    );
    const run = await runKeel([...ON, "-p", "change things", "--speculative", "--permission-mode", "bypassPermissions"], p);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain("done");
    expect(readFileSync(join(p.cwd, "a.txt"), "utf8")).toBe("original\n");
    expect(existsSync(join(p.cwd, "made.txt"))).toBe(false);
    const id = /held in overlay (ov-[\w-]+)/.exec(run.stderr)?.[1] as string;
    expect(id).toBeDefined();

    const diff = JSON.parse((await runKeel([...ON, "overlay", "diff", id, "--json"], p)).stdout);
    expect(diff.changes).toEqual([
      { path: "a.txt", kind: "modified" },
      { path: "made.txt", kind: "added" },
    ]);
    expect(diff.diff).toContain("-original\n+rewritten");

    const refused = await runKeel([...ON, "overlay", "approve", id], p);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain("--yes");
    expect(readFileSync(join(p.cwd, "a.txt"), "utf8")).toBe("original\n");

    const ok = await runKeel([...ON, "overlay", "approve", id, "--yes"], p);
    expect(ok.exitCode).toBe(0);
    expect(readFileSync(join(p.cwd, "a.txt"), "utf8")).toBe("rewritten\n");
    expect(readFileSync(join(p.cwd, "made.txt"), "utf8")).toBe("from-shell\n");
    expect(JSON.parse((await runKeel([...ON, "overlay", "list", "--json"], p)).stdout)).toEqual([]);
  });

  test.skipIf(!support.available)("reject leaves the project as it was", async () => {
    const p = project();
    server.reset();
    server.enqueue(toolUse("Bash", { command: "rm a.txt && echo x > b.txt" }), text("done"));
    const run = await runKeel([...ON, "-p", "go", "--speculative", "--permission-mode", "bypassPermissions"], p);
    const id = /held in overlay (ov-[\w-]+)/.exec(run.stderr)?.[1] as string;
    const r = await runKeel([...ON, "overlay", "reject", id], p);
    expect(r.stdout).toContain("discarded 2 change(s)");
    expect(readFileSync(join(p.cwd, "a.txt"), "utf8")).toBe("original\n");
    expect(existsSync(join(p.cwd, "b.txt"))).toBe(false);
  });
});
