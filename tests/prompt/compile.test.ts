import { describe, expect, test } from "bun:test";
import type { MessageParam } from "@anthropic-ai/sdk/resources/messages";
import {
  compileRequest,
  countBreakpoints,
  defaultRegistry,
  freezeTools,
  MAX_BREAKPOINTS,
  PromptSession,
} from "../../src/prompt/index.ts";
import { pinnedContext, tool, turn } from "./fixtures.ts";

const TOOLS = ["Read", "Bash", "Grep", "Glob", "Edit", "Write", "TodoWrite"];

function session(over = {}, tools = TOOLS.map((n) => tool(n))) {
  return new PromptSession(defaultRegistry(), pinnedContext(over), freezeTools(tools));
}

describe("compiled prompt", () => {
  test("matches the committed snapshot", () => {
    const c = session().compile([{ role: "user", content: "Fix the failing test." }]);
    expect({ system: c.system, tools: c.tools, messages: c.messages, report: c.report }).toMatchSnapshot();
  });

  test("static half first with the configured ttl, dynamic half after it with no mark", () => {
    for (const ttl of ["5m", "1h"] as const) {
      const s = new PromptSession(defaultRegistry(), pinnedContext(), freezeTools([tool("Read")]), { cacheTtl: ttl });
      const c = s.compile([]);
      expect(c.system).toHaveLength(2);
      expect(c.system[0]?.cache_control).toEqual({ type: "ephemeral", ttl });
      expect(c.system[1]?.cache_control).toBeUndefined();
      expect(c.report.boundary.systemIndex).toBe(1);
      expect(c.system[0]?.text).toContain("You are keel");
      expect(c.system[1]?.text).toContain("# Environment");
    }
  });

  test("the static half carries no path, date, branch, user name or platform", () => {
    const ctx = pinnedContext();
    const staticText = session().compile([]).system[0]?.text ?? "";
    for (const leak of [ctx.cwd, ctx.projectRoot, ctx.date, "2026", "feature/x", "/home/dev", ctx.osRelease, "Prefer British"]) {
      expect(staticText).not.toContain(leak as string);
    }
  });

  test("every section is reported with source, priority, kind and a token size", () => {
    const r = session().compile([]).report;
    const ids = r.sections.map((s) => s.id);
    expect(ids.slice(0, 2)).toEqual(["core.identity", "core.tone"]);
    expect(ids).toContain("environment");
    expect(ids).toContain("memory.project.1");
    const firstDynamic = r.sections.findIndex((s) => s.kind === "dynamic");
    expect(r.sections.slice(firstDynamic).every((s) => s.kind === "dynamic")).toBe(true);
    for (const s of r.sections) expect(s.tokens).toBeGreaterThan(0);
    expect(r.boundary.staticTokens + r.boundary.dynamicTokens).toBe(r.systemTokens);
  });

  test("memory files render in the dynamic half, nearest last", () => {
    const c = session().compile([]);
    const dyn = c.system[1]?.text ?? "";
    expect(c.system[0]?.text).not.toContain("make check");
    expect(dyn.indexOf("Prefer British spelling.")).toBeLessThan(dyn.indexOf("Run `make check`"));
  });
});

describe("cache breakpoints over a long session", () => {
  for (const mode of ["fresh history", "history fed back with old marks", "thinking blocks"] as const) {
    test(`never more than four in 50 turns (${mode})`, () => {
      const s = session();
      let history: MessageParam[] = [{ role: "user", content: "Refactor the parser." }];
      for (let i = 1; i <= 50; i++) {
        const c = s.compile(history);
        const counted = countBreakpoints(c);
        expect(counted).toBeLessThanOrEqual(MAX_BREAKPOINTS);
        expect(c.report.breakpoints.total).toBe(counted);
        // The rolling mark is on the history's last block.
        const last = c.messages.at(-1)?.content;
        expect(Array.isArray(last) && (last.at(-1) as { cache_control?: unknown }).cache_control).toEqual({ type: "ephemeral" });
        // A naive caller may keep the compiled (marked) messages; the compiler must still cap the count.
        const base = mode === "history fed back with old marks" ? c.messages : history;
        history = [...base, ...turn(i, { thinking: mode === "thinking blocks" })];
      }
    });
  }

  test("marks already in the history count, newest kept, oldest stripped", () => {
    const mark = { type: "ephemeral" as const };
    const msgs: MessageParam[] = [1, 2, 3, 4].map((i) => ({
      role: i % 2 ? "user" : "assistant",
      content: [{ type: "text", text: `m${i}`, cache_control: mark }],
    }));
    msgs.push({ role: "user", content: "latest" });
    const c = session().compile(msgs);
    const marked = c.messages.map((m) => Array.isArray(m.content) && m.content.some((b) => "cache_control" in b && b.cache_control));
    // system 1 + rolling 1 leaves room for the two newest existing marks.
    expect(marked).toEqual([false, false, true, true, true]);
    expect(c.report.breakpoints).toEqual({ total: 4, tools: 0, system: 1, messages: 3, stripped: 2 });
    // The input was not touched.
    expect((msgs[0]?.content as Array<{ cache_control?: unknown }>)[0]?.cache_control).toEqual(mark);
    expect(msgs[4]?.content).toBe("latest");
  });

  test("with no static half, the prefix mark moves to the last tool", () => {
    const c = compileRequest({ sections: [], tools: [tool("b"), tool("a")], messages: [], ttl: "1h", budgetTokens: 100 });
    expect(c.system).toEqual([]);
    expect(c.tools.map((t) => [t.name, t.cache_control ?? null])).toEqual([
      ["a", null],
      ["b", { type: "ephemeral", ttl: "1h" }],
    ]);
    expect(c.report.breakpoints.tools).toBe(1);
  });
});

describe("tools are sorted and frozen for the session", () => {
  test("sorted by name whatever the registration order", () => {
    const a = freezeTools([tool("write"), tool("bash"), tool("read")]);
    const b = freezeTools([tool("read"), tool("write"), tool("bash")]);
    expect(a.names).toEqual(["bash", "read", "write"]);
    expect(a.fingerprint).toBe(b.fingerprint);
  });

  test("changing the caller's list mid-session does not move the prefix; rebuild does, visibly", () => {
    const list = [tool("read"), tool("bash")];
    const s = session({}, list);
    const before = s.compile(turn(1));
    list.push(tool("grep"));
    (list[0] as { description?: string }).description = "changed";
    const during = s.compile([...turn(1), ...turn(2)]);
    expect(during.tools).toEqual(before.tools);
    expect(during.system[0]).toEqual(before.system[0]);
    expect(during.report.boundary.toolsFingerprint).toBe(before.report.boundary.toolsFingerprint);
    expect(Object.isFrozen(during.tools[0]?.input_schema)).toBe(true);

    const rebuilt = s.rebuild({ tools: list });
    const after = rebuilt.compile([...turn(1), ...turn(2)]);
    expect(after.tools.map((t) => t.name)).toEqual(["bash", "grep", "read"]);
    expect(after.report.boundary.toolsFingerprint).not.toBe(before.report.boundary.toolsFingerprint);
    expect(rebuilt.context.toolNames).toEqual(["bash", "grep", "read"]);
    expect(s.context.toolNames).toEqual(["bash", "read"]);
  });

  test("tool notes follow the session's tools, and only they change the static half", () => {
    const text = (names: string[]) => session({}, names.map((n) => tool(n))).compile([]).system[0]?.text ?? "";
    const full = text(TOOLS);
    expect(full).toContain("# Tool notes");
    expect(full).toContain("TodoWrite");
    expect(full).not.toContain("KillShell"); // that note needs BashOutput and KillShell too
    expect(text([...TOOLS].reverse())).toBe(full);
    const bare = text(["Bash"]);
    expect(bare).not.toContain("# Tool notes");
    expect(bare).toContain("# How to communicate");
  });

  test("two tools with one name are refused", () => {
    expect(() => freezeTools([tool("read"), tool("read")])).toThrow('two tools are named "read"');
  });
});
