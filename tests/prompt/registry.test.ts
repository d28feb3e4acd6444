import { describe, expect, test } from "bun:test";
import {
  coreSections,
  defaultRegistry,
  environmentSection,
  memorySections,
  pluginSectionProviders,
  PromptSession,
  SectionRegistry,
  freezeTools,
  toolSections,
} from "../../src/prompt/index.ts";
import { pinnedContext } from "./fixtures.ts";

describe("section registry", () => {
  test("output order does not depend on registration order", () => {
    const a = new SectionRegistry()
      .register(memorySections)
      .register(toolSections)
      .register(environmentSection)
      .register(coreSections);
    const b = defaultRegistry();
    expect(a.render(pinnedContext())).toEqual(b.render(pinnedContext()));
  });

  test("a plugin adds static and dynamic sections without touching the compiler", () => {
    const registry = defaultRegistry();
    for (const p of pluginSectionProviders("buddy", [
      { id: "style", text: "Buddy: answer with a short haiku when asked for a poem.", priority: "low" },
      { id: "status", kind: "dynamic", text: "Buddy status: awake." },
    ])) {
      registry.register(p);
    }
    const c = new PromptSession(registry, pinnedContext(), freezeTools([])).compile([]);
    const byId = Object.fromEntries(c.report.sections.map((s) => [s.id, s]));
    expect(byId["plugin.buddy.style"]).toMatchObject({ source: "plugin", kind: "static", priority: "low" });
    expect(byId["plugin.buddy.status"]).toMatchObject({ source: "plugin", kind: "dynamic", priority: "normal" });
    expect(c.system[0]?.text).toContain("short haiku");
    expect(c.system[0]?.text).not.toContain("Buddy status");
    expect(c.system[1]?.text).toContain("Buddy status: awake.");
    // Plugin sections come after core ones in the static half.
    expect(c.system[0]?.text.indexOf("short haiku")).toBeGreaterThan(c.system[0]?.text.indexOf("# Version control") ?? -1);
  });

  test("bad plugin input is refused with the plugin, index and field named", () => {
    expect(() => pluginSectionProviders("buddy", [{ id: "ok", text: "x" }, { id: "Bad Id", text: "x" }])).toThrow(
      /^plugin buddy: prompt section \[1\]\.id: /,
    );
    expect(() => pluginSectionProviders("buddy", [{ id: "x", text: "x", kind: "sometimes" }])).toThrow(
      /prompt section \[0\]\.kind/,
    );
  });

  test("the same provider twice, or two sections with one id, is an error", () => {
    expect(() => defaultRegistry().register(coreSections)).toThrow('provider "core" is registered twice');
    const r = defaultRegistry().register({
      id: "impostor",
      source: "tool",
      kind: "static",
      render: () => [{ id: "core.tone", priority: "low", text: "x" }],
    });
    expect(() => r.render(pinnedContext())).toThrow('section id "core.tone" is used twice');
  });

  test("a static provider only ever sees the static context", () => {
    let seen: object = {};
    const r = new SectionRegistry().register({
      id: "spy",
      source: "tool",
      kind: "static",
      render: (ctx) => {
        seen = ctx;
        return [];
      },
    });
    r.render(pinnedContext());
    expect(Object.keys(seen).sort()).toEqual(["productName", "toolNames"]);
  });
});

describe("system prompt overrides", () => {
  test("--system-prompt replaces the core sections; --append-system-prompt closes the dynamic half", () => {
    const registry = defaultRegistry({ systemPrompt: "You are a test double.", appendSystemPrompt: "Be terse." });
    const c = new PromptSession(registry, pinnedContext(), freezeTools([])).compile([]);
    expect(c.system[0]?.text).toBe("You are a test double.");
    expect(c.system[1]?.text).toContain("# Environment");
    expect(c.system[1]?.text.endsWith("Be terse.")).toBe(true);
    expect(c.report.sections.find((s) => s.id === "append")).toMatchObject({ kind: "dynamic", priority: "required" });
    expect(c.report.sections.some((s) => s.id === "core.tone")).toBe(false);
  });
});

describe("prompt settings", () => {
  test("a bad settings.prompt value is one clear error naming the field", () => {
    expect(() => new PromptSession(defaultRegistry(), pinnedContext(), freezeTools([]), { cacheTtl: "2h" as "1h" })).toThrow(
      /^settings\.prompt\.cacheTtl: /,
    );
    expect(() => new PromptSession(defaultRegistry(), pinnedContext(), freezeTools([]), { budgetTokens: -5 })).toThrow(
      /^settings\.prompt\.budgetTokens: /,
    );
  });
});
