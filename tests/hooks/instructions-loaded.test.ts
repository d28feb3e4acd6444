// InstructionsLoaded: each AGENTS.md / KEEL.md / CLAUDE.md the session's prompt reads,
// through the real prompt compiler: once when the first prompt is built, again (as
// "compact") after a compaction re-reads them — and not again for a REPL's later runs.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { markCompacted } from "../../src/engine/index.ts";
import { endOf, run, startServer } from "../engine/harness.ts";
import { type AnthropicServer, faults, text } from "../support/anthropic/index.ts";
import { fixture, on } from "./helpers.ts";

let server: AnthropicServer;
let source: Awaited<ReturnType<typeof startServer>>["source"];
beforeAll(async () => ({ server, source } = await startServer()));
afterAll(() => server.close());

/** A git project with AGENTS.md at its root and CLAUDE.md in the sub-directory the session runs in; KEEL.md in the user dir. */
function project() {
  const f = fixture();
  const root = join(f.dir, "repo");
  const cwd = join(root, "pkg");
  const user = join(f.dir, "home");
  for (const d of [join(root, ".git"), cwd, user]) mkdirSync(d, { recursive: true });
  writeFileSync(join(user, "KEEL.md"), "user rules");
  writeFileSync(join(root, "AGENTS.md"), "project rules");
  writeFileSync(join(cwd, "CLAUDE.md"), "package rules");
  const rec = f.recorder("loaded");
  return { f, cwd, user, root, rec, hooks: f.runner(on("InstructionsLoaded", rec.command)) };
}

const brief = (p: Record<string, unknown>) => ({ file_path: p.file_path, memory_type: p.memory_type, load_reason: p.load_reason });

describe("InstructionsLoaded", () => {
  test("at session start: one event per file, most general first, with file_path, memory_type and load_reason", async () => {
    server.reset();
    const p = project();
    server.enqueue(text("hi"));
    const events = await run({ source, cwd: p.cwd, prompt: "go", hooks: p.hooks, settings: { userDir: p.user } });
    expect(endOf(events).stop).toBe("success");
    expect(p.rec.heard().map(brief)).toEqual([
      { file_path: join(p.user, "KEEL.md"), memory_type: "User", load_reason: "session_start" },
      { file_path: join(p.root, "AGENTS.md"), memory_type: "Project", load_reason: "session_start" },
      { file_path: join(p.cwd, "CLAUDE.md"), memory_type: "Project", load_reason: "session_start" },
    ]);
    expect(p.rec.heard()[0]).toMatchObject({ hook_event_name: "InstructionsLoaded", session_id: "s-test", truncated: false });
    // The files the hook heard of are the ones the model got.
    expect(JSON.stringify(server.messageRequests()[0]!.body.system)).toContain("package rules");
  });

  test("a compaction re-reads them: the same files again with load_reason compact", async () => {
    server.reset();
    const p = project();
    server.enqueue(faults.promptTooLong(250_000, 200_000), text("the summary"), text("answered"));
    const history = [
      { role: "user" as const, content: "earlier" },
      { role: "assistant" as const, content: "earlier answer" },
    ];
    const events = await run({ source, cwd: p.cwd, prompt: "go", history, hooks: p.hooks, settings: { userDir: p.user } });
    expect(endOf(events).result).toBe("answered");
    expect(p.rec.heard().map((e) => e.load_reason)).toEqual(["session_start", "session_start", "session_start", "compact", "compact", "compact"]);
    expect(p.rec.heard().slice(3).map((e) => e.file_path)).toEqual(p.rec.heard().slice(0, 3).map((e) => e.file_path));
  });

  test("the matcher is tested against load_reason", async () => {
    server.reset();
    const p = project();
    const only = p.f.recorder("compact-only");
    server.enqueue(text("hi"));
    await run({ source, cwd: p.cwd, prompt: "go", hooks: p.f.runner(on("InstructionsLoaded", only.command, "compact")), settings: { userDir: p.user } });
    expect(only.heard()).toEqual([]);
  });

  test("the REPL's later runs (one store) do not report again; after /compact the next run reports compact", async () => {
    server.reset();
    const p = project();
    const store = new Map<string, unknown>();
    server.enqueue(text("one"), text("two"), text("three"));
    await run({ source, cwd: p.cwd, prompt: "1", hooks: p.hooks, store });
    await run({ source, cwd: p.cwd, prompt: "2", hooks: p.hooks, store });
    expect(p.rec.heard().map((e) => e.load_reason)).toEqual(["session_start", "session_start"]);
    markCompacted(store);
    await run({ source, cwd: p.cwd, prompt: "3", hooks: p.hooks, store });
    expect(p.rec.heard().map((e) => e.load_reason)).toEqual(["session_start", "session_start", "compact", "compact"]);
  });
});
