// MCP tools under the permission gate, with rules as Claude Code users write them:
// `mcp__server__tool`, `mcp__server` (the whole server) and `mcp__server__*`. A server's
// readOnlyHint does not skip the question.
import { describe, expect, test } from "bun:test";
import { createPermissionGate, type PermissionMode, type RuleInput } from "../../src/safety/index.ts";

// As mcpTool and hostTool make them: readOnly is the tool's claim (tests/mcp/filesystem.test.ts holds the real one to it).
const tool = (name: string, readOnly = false) => ({ name, readOnly, readOnlyClaimed: name.startsWith("mcp__") || name.startsWith("plugin__") });
const rules = (...r: [string, RuleInput["behavior"]][]): RuleInput[] => r.map(([rule, behavior]) => ({ rule, behavior, layer: "test" }));

async function decide(name: string, r: RuleInput[], mode: PermissionMode = "default", readOnly = false) {
  const gate = createPermissionGate({ rules: r, mode, root: "/tmp" });
  return gate.decide(tool(name, readOnly), {}, { cwd: "/tmp" });
}

describe("mcp tools and the gate", () => {
  test.each([
    // rule, tool, expected
    ["mcp__github__create_issue", "mcp__github__create_issue", "allow"],
    ["mcp__github__create_issue", "mcp__github__list_issues", "ask"],
    ["mcp__github", "mcp__github__create_issue", "allow"],
    ["mcp__github", "mcp__github__list_issues", "allow"],
    ["mcp__github", "mcp__githubber__x", "ask"],
    ["mcp__github", "mcp__gitlab__x", "ask"],
    ["mcp__github__*", "mcp__github__anything", "allow"],
    ["mcp__*", "mcp__any__thing", "allow"],
    ["mcp__my-server", "mcp__my-server__echo", "allow"],
  ] as const)("allow %s → %s is %s", async (rule, name, expected) => {
    expect((await decide(name, rules([rule, "allow"]))).behavior).toBe(expected);
  });

  test("a tool the server calls read-only still asks in default mode", async () => {
    const r = await decide("mcp__everything__echo", [], "default", true);
    expect(r.behavior).toBe("ask");
    expect(r.reason).toContain("mcp__everything__echo");
  });

  test("plan mode refuses mcp tools, whatever they claim", async () => {
    expect((await decide("mcp__everything__echo", [], "plan", true)).behavior).toBe("deny");
  });

  test("deny on the whole server beats allow on one tool; bypassPermissions still obeys deny", async () => {
    const r = rules(["mcp__github__create_issue", "allow"], ["mcp__github", "deny"]);
    expect((await decide("mcp__github__create_issue", r)).behavior).toBe("deny");
    expect((await decide("mcp__github__create_issue", r, "bypassPermissions")).behavior).toBe("deny");
    expect((await decide("mcp__other__x", r, "bypassPermissions")).behavior).toBe("allow");
  });

  test("ask on the server wins over allow on the tool", async () => {
    const r = rules(["mcp__github__create_issue", "allow"], ["mcp__github", "ask"]);
    expect((await decide("mcp__github__create_issue", r)).behavior).toBe("ask");
  });

  test("built-in tools are untouched by mcp rules", async () => {
    expect((await decide("Bash", rules(["mcp__Bash", "allow"]))).behavior).not.toBe("allow");
  });
});

describe("plugin host tools and the gate", () => {
  test("a host tool the plugin declares read-only still asks in default mode, and plan mode refuses it", async () => {
    expect((await decide("plugin__buddy__pet", [], "default", true)).behavior).toBe("ask");
    expect((await decide("plugin__buddy__pet", [], "plan", true)).behavior).toBe("deny");
  });

  test.each([
    ["plugin__buddy", "plugin__buddy__pet", "allow"],
    ["plugin__buddy", "plugin__buddyx__pet", "ask"],
    ["plugin__buddy__pet", "plugin__buddy__feed", "ask"],
  ] as const)("allow %s → %s is %s", async (rule, name, expected) => {
    expect((await decide(name, rules([rule, "allow"]))).behavior).toBe(expected);
  });
});
