// What hooks can decide, with real shell scripts: block by exit 2 (stderr fed back), deny
// with a reason, rewrite the input, ask, add context; errors that do not block.
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fixture, pre } from "./helpers.ts";

describe("PreToolUse decisions", () => {
  test("exit 2 blocks and feeds stderr back", async () => {
    const f = fixture();
    const r = await f.runner(pre(f.script("block.sh", "echo 'no rm here' >&2; exit 2"))).run("PreToolUse", f.payload());
    expect(r.block).toEqual({ reason: "no rm here" });
  });

  test("JSON permissionDecision deny carries its reason; allow and ask are decisions; updatedInput rewrites", async () => {
    const f = fixture();
    const json = (o: unknown) => f.script(`j${Math.random()}.sh`, `echo '${JSON.stringify(o)}'`);
    const deny = await f.runner(pre(json({ hookSpecificOutput: { hookEventName: "PreToolUse", permissionDecision: "deny", permissionDecisionReason: "policy" } }))).run("PreToolUse", f.payload());
    expect(deny.block).toEqual({ reason: "policy" });
    const allow = await f.runner(pre(json({ hookSpecificOutput: { permissionDecision: "allow" } }))).run("PreToolUse", f.payload());
    expect(allow).toEqual({ decision: "allow" });
    const ask = await f.runner(pre(json({ hookSpecificOutput: { permissionDecision: "ask", permissionDecisionReason: "check this" } }))).run("PreToolUse", f.payload());
    expect(ask).toEqual({ decision: "ask", decisionReason: "check this" });
    const rewrite = await f.runner(pre(json({ hookSpecificOutput: { permissionDecision: "allow", updatedInput: { command: "ls -la" } } }))).run("PreToolUse", f.payload());
    expect(rewrite.updatedInput).toEqual({ command: "ls -la" });
  });

  test("several hooks: a block wins, ask beats allow", async () => {
    const f = fixture();
    const allow = f.script("allow.sh", `echo '{"hookSpecificOutput":{"permissionDecision":"allow"}}'`);
    const ask = f.script("ask.sh", `echo '{"hookSpecificOutput":{"permissionDecision":"ask"}}'`);
    const block = f.script("block.sh", "echo nope >&2; exit 2");
    const hooks = { PreToolUse: [{ matcher: "Bash", hooks: [{ type: "command", command: allow }, { type: "command", command: ask }] }] };
    expect((await f.runner(hooks).run("PreToolUse", f.payload())).decision).toBe("ask");
    hooks.PreToolUse[0]!.hooks.push({ type: "command", command: block });
    expect((await f.runner(hooks).run("PreToolUse", f.payload())).block).toEqual({ reason: "nope" });
  });

  test("other exit codes and malformed JSON do not block; the person is told", async () => {
    const f = fixture();
    const r = await f.runner(pre(f.script("fail.sh", "echo oops >&2; exit 1"))).run("PreToolUse", f.payload());
    expect(r).toEqual({});
    const m = await f.runner(pre(f.script("bad.sh", "echo '{not json'"))).run("PreToolUse", f.payload());
    expect(m).toEqual({});
    expect(f.notices).toEqual([expect.stringMatching(/failed \(exit 1\): oops/), expect.stringMatching(/malformed JSON/)]);
  });

  test("the payload carries Claude Code's stdin fields and the hook gets CLAUDE_PROJECT_DIR", async () => {
    const f = fixture();
    const out = join(f.dir, "stdin.json");
    await f.runner(pre(f.script("cap.sh", `cat > ${out}; echo "$CLAUDE_PROJECT_DIR" > ${out}.env`))).run("PreToolUse", f.payload());
    const got = JSON.parse(readFileSync(out, "utf8"));
    expect(got).toMatchObject({ session_id: "s1", transcript_path: join(f.dir, "t.jsonl"), cwd: f.dir, permission_mode: "default", hook_event_name: "PreToolUse", tool_name: "Bash", tool_input: { command: "ls" }, tool_use_id: "toolu_1" });
    expect(readFileSync(`${out}.env`, "utf8").trim()).toBe(f.dir);
  });
});

describe("other events", () => {
  test("UserPromptSubmit: plain stdout adds context; decision block blocks", async () => {
    const f = fixture();
    const ctx = { UserPromptSubmit: [{ hooks: [{ type: "command", command: f.script("ctx.sh", "echo 'the build uses bun'") }] }] };
    expect(await f.runner(ctx).run("UserPromptSubmit", f.payload({ hook_event_name: "UserPromptSubmit", prompt: "hi" }))).toEqual({ context: "the build uses bun" });
    const block = { UserPromptSubmit: [{ hooks: [{ type: "command", command: f.script("b.sh", `echo '{"decision":"block","reason":"no secrets in prompts"}'`) }] }] };
    expect((await f.runner(block).run("UserPromptSubmit", f.payload({ hook_event_name: "UserPromptSubmit" }))).block).toEqual({ reason: "no secrets in prompts" });
  });

  test("PostToolUse: additionalContext; continue false stops with its reason", async () => {
    const f = fixture();
    const add = { PostToolUse: [{ matcher: "Edit|Write", hooks: [{ type: "command", command: f.script("a.sh", `echo '{"hookSpecificOutput":{"additionalContext":"lint: 2 warnings"}}'`) }] }] };
    expect(await f.runner(add).run("PostToolUse", f.payload({ hook_event_name: "PostToolUse", tool_name: "Write" }))).toEqual({ context: "lint: 2 warnings" });
    expect(await f.runner(add).run("PostToolUse", f.payload({ hook_event_name: "PostToolUse", tool_name: "Bash" }))).toEqual({});
    const stop = { PostToolUse: [{ hooks: [{ type: "command", command: f.script("s.sh", `echo '{"continue":false,"stopReason":"tests are red"}'`) }] }] };
    expect((await f.runner(stop).run("PostToolUse", f.payload({ hook_event_name: "PostToolUse" }))).stop).toEqual({ reason: "tests are red" });
  });
});
