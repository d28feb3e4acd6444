// The tool contract across every built-in: schemas for the API, input parsing with
// messages that name the field, and TodoWrite's per-session list.
import { afterAll, describe, expect, test } from "bun:test";
import { builtinTools, parseToolInput, todosOf, toolSchemas } from "../../src/tools/index.ts";
import { call, makeCtx, tempDir, text, tool, removeTempDirs } from "./helpers.ts";

afterAll(removeTempDirs);

const NAMES = ["Bash", "Glob", "Grep", "LS", "Read", "Edit", "MultiEdit", "Write", "TodoWrite", "BashOutput", "KillShell"];

describe("builtinTools and toolSchemas", () => {
  test("stable order and Claude Code's names", () => {
    expect(builtinTools().map((t) => t.name)).toEqual(NAMES);
  });

  test("every schema is an object schema with a description from its .md file", () => {
    for (const s of toolSchemas(builtinTools())) {
      expect(s.input_schema.type).toBe("object");
      expect(s.input_schema.additionalProperties).toBe(false);
      expect(s.description.length).toBeGreaterThan(80);
      expect(JSON.stringify(s.input_schema)).not.toContain("9007199254740991");
      expect(JSON.stringify(s)).not.toContain("$schema");
    }
  });

  test("field names follow Claude Code exactly (hooks and permission rules match on them)", () => {
    const fields = Object.fromEntries(toolSchemas(builtinTools()).map((s) => [s.name, Object.keys(s.input_schema.properties as object).sort()]));
    expect(fields).toEqual({
      Bash: ["command", "description", "run_in_background", "timeout"],
      Glob: ["path", "pattern"],
      Grep: ["-A", "-B", "-C", "-i", "-n", "glob", "head_limit", "multiline", "output_mode", "path", "pattern", "type"],
      LS: ["ignore", "path"],
      Read: ["file_path", "limit", "offset"],
      Edit: ["file_path", "new_string", "old_string", "replace_all"],
      MultiEdit: ["edits", "file_path"],
      Write: ["content", "file_path"],
      TodoWrite: ["todos"],
      BashOutput: ["bash_id", "filter"],
      KillShell: ["shell_id"],
    });
  });

  test("schemas are byte-stable across calls (prompt caching)", () => {
    expect(JSON.stringify(toolSchemas(builtinTools()))).toBe(JSON.stringify(toolSchemas(builtinTools())));
  });

  test("read-only tools are exactly the ones that change nothing", () => {
    expect(builtinTools().filter((t) => t.readOnly === true).map((t) => t.name)).toEqual(["Glob", "Grep", "LS", "Read", "BashOutput"]);
  });
});

describe("parseToolInput", () => {
  const cases: Array<{ tool: string; raw: unknown; says: string[] }> = [
    { tool: "Read", raw: { file_path: 42 }, says: ["file_path", "expected string"] },
    { tool: "Read", raw: {}, says: ["file_path: required"] },
    { tool: "Read", raw: { file_path: "/x", offset: -1 }, says: ["offset"] },
    { tool: "Read", raw: { file_path: "/x", offset: 1e300 }, says: ["offset"] },
    { tool: "Read", raw: { file_path: "/x", path: "/y" }, says: ['unexpected field "path"', "allowed: file_path, offset, limit"] },
    { tool: "Bash", raw: { command: "ls", timeout: 700_000 }, says: ["timeout", "600000"] },
    { tool: "Grep", raw: { pattern: "x", output_mode: "lines" }, says: ["output_mode", "content"] },
    { tool: "MultiEdit", raw: { file_path: "/x", edits: [] }, says: ["edits"] },
    { tool: "MultiEdit", raw: { file_path: "/x", edits: [{ old_string: "a" }] }, says: ["edits[0].new_string: required"] },
    { tool: "TodoWrite", raw: { todos: [{ content: "a", status: "doing", activeForm: "A" }] }, says: ["todos[0].status"] },
    { tool: "Write", raw: "not an object", says: ["must be a JSON object"] },
    { tool: "Write", raw: null, says: ["must be a JSON object", "null"] },
  ];
  for (const c of cases) {
    test(`${c.tool} ${JSON.stringify(c.raw)}`, () => {
      const r = parseToolInput(tool(c.tool), c.raw);
      expect(r.ok).toBe(false);
      const message = r.ok ? "" : r.message;
      for (const s of c.says) expect(message).toContain(s);
    });
  }

  test("valid input comes back parsed", () => {
    expect(parseToolInput(tool("Grep"), { pattern: "x", "-i": true })).toEqual({ ok: true, value: { pattern: "x", "-i": true } });
  });
});

describe("TodoWrite", () => {
  const todo = (content: string, status: "pending" | "in_progress" | "completed") => ({ content, status, activeForm: `${content}-ing` });

  test("stores the list per session and reports old and new", async () => {
    const ctx = makeCtx(tempDir());
    await call("TodoWrite", { todos: [todo("a", "in_progress"), todo("b", "pending")] }, ctx);
    const r = await call("TodoWrite", { todos: [todo("a", "completed"), todo("b", "in_progress")] }, ctx);
    expect(text(r)).toContain("modified successfully");
    expect((r.forDisplay as { oldTodos: unknown[] }).oldTodos).toEqual([todo("a", "in_progress"), todo("b", "pending")]);
    expect(todosOf(ctx.store)).toEqual([todo("a", "completed"), todo("b", "in_progress")]);
    expect(todosOf(makeCtx(tempDir()).store)).toEqual([]);
  });

  test("more than one in_progress is refused and the list is kept", async () => {
    const ctx = makeCtx(tempDir());
    await call("TodoWrite", { todos: [todo("a", "pending")] }, ctx);
    const r = await call("TodoWrite", { todos: [todo("a", "in_progress"), todo("b", "in_progress")] }, ctx);
    expect(r.isError).toBe(true);
    expect(text(r)).toContain("At most one todo may be in_progress");
    expect(todosOf(ctx.store)).toEqual([todo("a", "pending")]);
  });
});
