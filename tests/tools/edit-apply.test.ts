import { describe, expect, test } from "bun:test";
import { structuredDiff } from "../../src/tools/diff.ts";
import { applyEdits, type EditOp } from "../../src/tools/edit-apply.ts";

describe("applyEdits (table)", () => {
  const cases: Array<{ name: string; content: string; edits: EditOp[]; result?: string; error?: string }> = [
    { name: "unique replace", content: "a b c", edits: [{ old_string: "b", new_string: "B" }], result: "a B c" },
    { name: "replace_all", content: "x-x-x", edits: [{ old_string: "x", new_string: "yy", replace_all: true }], result: "yy-yy-yy" },
    { name: "deletion", content: "keep drop keep", edits: [{ old_string: " drop", new_string: "" }], result: "keep keep" },
    { name: "literal dollar patterns", content: "v", edits: [{ old_string: "v", new_string: "$'$`$&" }], result: "$'$`$&" },
    { name: "sequential", content: "1", edits: [{ old_string: "1", new_string: "12" }, { old_string: "2", new_string: "3" }], error: "substring of the new_string" },
    { name: "chained on result", content: "ab", edits: [{ old_string: "a", new_string: "c" }, { old_string: "cb", new_string: "d" }], result: "d" },
    { name: "later edit sees earlier result", content: "ab", edits: [{ old_string: "a", new_string: "x" }, { old_string: "b", new_string: "y" }], result: "xy" },
    { name: "not found", content: "abc", edits: [{ old_string: "z", new_string: "y" }], error: "not found" },
    { name: "ambiguous", content: "aa", edits: [{ old_string: "a", new_string: "b" }], error: "occurs 2 times" },
    { name: "same strings", content: "a", edits: [{ old_string: "a", new_string: "a" }], error: "exactly the same" },
    { name: "crlf file, lf edit", content: "a\r\nb\r\n", edits: [{ old_string: "a\nb", new_string: "x\ny" }], result: "x\r\ny\r\n" },
    { name: "second of two fails", content: "ab", edits: [{ old_string: "a", new_string: "A" }, { old_string: "q", new_string: "Q" }], error: "edits[1]" },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const r = applyEdits(c.content, c.edits);
      if (c.error) {
        expect(r.ok).toBe(false);
        expect(r.ok ? "" : r.message).toContain(c.error);
      } else {
        expect(r.ok ? r.content : r.message).toBe(c.result as string);
      }
    });
  }
});

describe("structuredDiff", () => {
  test("one changed line in the middle gives one hunk with context", () => {
    const before = Array.from({ length: 20 }, (_, i) => `l${i + 1}`).join("\n");
    const after = before.replace("l10", "L10");
    const hunks = structuredDiff(before, after);
    expect(hunks).toEqual([{ oldStart: 7, oldLines: 7, newStart: 7, newLines: 7, lines: [" l7", " l8", " l9", "-l10", "+L10", " l11", " l12", " l13"] }]);
  });

  test("far-apart changes give separate hunks; insertions count correctly", () => {
    const a = Array.from({ length: 30 }, (_, i) => `${i + 1}`);
    const b = [...a];
    b.splice(2, 0, "new");
    b[25] = "changed";
    const hunks = structuredDiff(a.join("\n"), b.join("\n"));
    expect(hunks).toHaveLength(2);
    expect(hunks[0]?.lines.filter((l) => l.startsWith("+"))).toEqual(["+new"]);
    expect(hunks[1]?.lines).toContain("-25");
    expect(hunks[1]?.lines).toContain("+changed");
    expect(hunks[1]?.newStart).toBe((hunks[1]?.oldStart ?? 0) + 1);
  });

  test("applying the hunks reproduces the new text", () => {
    const a = "a\nb\nc\nd\ne\nf\ng";
    const b = "a\nc\nd\nX\ne\nf\ng\nh";
    const out: string[] = [];
    const old = a.split("\n");
    let at = 0;
    for (const h of structuredDiff(a, b, 0)) {
      while (at < h.oldStart - 1) out.push(old[at++] as string);
      for (const l of h.lines) {
        if (l[0] === "+") out.push(l.slice(1));
        else if (l[0] === "-") at++;
      }
    }
    while (at < old.length) out.push(old[at++] as string);
    expect(out.join("\n")).toBe(b);
  });

  test("identical texts have no hunks", () => {
    expect(structuredDiff("same\n", "same\n")).toEqual([]);
  });
});
