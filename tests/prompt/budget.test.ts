import { describe, expect, test } from "bun:test";
import { compileRequest, dropOrder, fitToBudget, type Section } from "../../src/prompt/index.ts";

const sec = (id: string, priority: Section["priority"], kind: Section["kind"] = "static", words = 40): Section => ({
  id,
  source: kind === "static" ? "core" : "memory",
  priority,
  kind,
  text: `${id.padEnd(16, "_")} `.repeat(words), // equal sizes make the table readable
});

// Section texts are ASCII: tokens = ceil(chars / 4).
const size = (s: Section) => Math.ceil(s.text.length / 4);
const sized = (xs: Section[]) => xs.map((section) => ({ section, tokens: size(section) }));

describe("dropping to fit the budget", () => {
  const all = [
    sec("a.required", "required"),
    sec("b.critical", "critical"),
    sec("c.high", "high"),
    sec("d.normal", "normal"),
    sec("e.low", "low"),
    sec("f.optional", "optional"),
    sec("g.optional.dyn", "optional", "dynamic"),
    sec("h.low.dyn", "low", "dynamic"),
  ];

  test("order: lowest priority first; within a level dynamic before static, later before earlier; required never", () => {
    const more = [...all, sec("i.optional.late", "optional")];
    expect(dropOrder(sized(more)).map((s) => s.section.id)).toEqual([
      "g.optional.dyn",
      "i.optional.late",
      "f.optional",
      "h.low.dyn",
      "e.low",
      "d.normal",
      "c.high",
      "b.critical",
    ]);
  });

  const total = all.reduce((n, s) => n + size(s), 0);
  const one = size(all[0] as Section);
  // [budget, dropped ids]
  const cases: Array<[number, string[]]> = [
    [total, []],
    [total - 1, ["g.optional.dyn"]],
    [total - one - 1, ["g.optional.dyn", "f.optional"]],
    [total - 3 * one, ["g.optional.dyn", "f.optional", "h.low.dyn"]],
    [2 * one, ["g.optional.dyn", "f.optional", "h.low.dyn", "e.low", "d.normal", "c.high"]],
  ];
  for (const [budget, dropped] of cases) {
    test(`budget ${budget} of ${total} drops ${dropped.length}`, () => {
      const r = fitToBudget(sized(all), budget);
      expect(r.dropped.map((d) => d.id)).toEqual(dropped);
      expect(r.kept.map((k) => k.section.id)).toEqual(all.map((s) => s.id).filter((id) => !dropped.includes(id)));
      expect(r.totalTokens).toBeLessThanOrEqual(budget);
      expect(r.overBudget).toBe(false);
    });
  }

  test("required sections over the budget are kept and reported as over budget", () => {
    const r = fitToBudget(sized(all), 1);
    expect(r.kept.map((k) => k.section.id)).toEqual(["a.required"]);
    expect(r.overBudget).toBe(true);
    expect(r.dropped).toHaveLength(7);
  });

  test("the compiled report lists what was dropped, and the text is gone from the request", () => {
    const c = compileRequest({ sections: all, tools: [], messages: [], ttl: "5m", budgetTokens: total - 3 * one });
    expect(c.report.dropped.map((d) => [d.id, d.priority, d.kind, d.tokens])).toEqual([
      ["g.optional.dyn", "optional", "dynamic", one],
      ["f.optional", "optional", "static", one],
      ["h.low.dyn", "low", "dynamic", one],
    ]);
    const sent = c.system.map((b) => b.text).join("\n");
    expect(sent).not.toContain("f.optional");
    expect(sent).toContain("e.low");
    expect(c.report.sections.map((s) => s.id)).not.toContain("f.optional");
  });
});
