import { describe, expect, test } from "bun:test";
import type { MessageParam } from "@anthropic-ai/sdk/resources/messages";
import { placeMessageBreakpoints } from "../../src/prompt/index.ts";

const M5 = { type: "ephemeral" as const };
const H1 = { type: "ephemeral" as const, ttl: "1h" as const };
type B = { type: string; cache_control?: unknown };
const marks = (ms: MessageParam[]) =>
  ms.map((m) => (typeof m.content === "string" ? ["str"] : (m.content as B[]).map((b) => (b.cache_control ? `${b.type}*` : b.type))));

describe("rolling breakpoint placement", () => {
  test("a string content becomes a marked text block", () => {
    const r = placeMessageBreakpoints([{ role: "user", content: "hello" }], 1, "5m");
    expect(r.messages[0]?.content).toEqual([{ type: "text", text: "hello", cache_control: M5 }]);
    expect(r.rolling).toEqual({ message: 0, block: 0 });
  });

  test("thinking blocks and empty text are skipped for an earlier block", () => {
    const msgs: MessageParam[] = [
      { role: "user", content: "q" },
      {
        role: "assistant",
        content: [
          { type: "tool_use", id: "t", name: "read", input: {} },
          { type: "text", text: "" },
          { type: "thinking", thinking: "…", signature: "s" },
        ],
      },
    ];
    expect(marks(placeMessageBreakpoints(msgs, 1, "5m").messages)).toEqual([["str"], ["tool_use*", "text", "thinking"]]);
  });

  test("nothing to mark: no rolling breakpoint", () => {
    const r = placeMessageBreakpoints([{ role: "user", content: "" }], 1, "5m");
    expect(r.rolling).toBeNull();
    expect(r.count).toBe(0);
  });

  test("an existing mark on the last block counts once", () => {
    const r = placeMessageBreakpoints([{ role: "user", content: [{ type: "text", text: "x", cache_control: H1 }] }], 1, "1h");
    expect(r.count).toBe(1);
    expect(r.messages[0]?.content).toEqual([{ type: "text", text: "x", cache_control: M5 }]);
  });

  // [reserved before messages, existing marks, expected kept, expected stripped]
  const table: Array<[number, number, number, number]> = [
    [1, 0, 0, 0],
    [1, 2, 2, 0],
    [1, 3, 2, 1],
    [2, 3, 1, 2],
    [0, 5, 3, 2],
  ];
  for (const [reserved, existing, kept, stripped] of table) {
    test(`reserved ${reserved}, ${existing} existing → keep ${kept}, strip ${stripped}`, () => {
      const msgs: MessageParam[] = Array.from({ length: existing }, (_, i) => ({
        role: i % 2 ? ("assistant" as const) : ("user" as const),
        content: [{ type: "text" as const, text: `m${i}`, cache_control: M5 }],
      }));
      msgs.push({ role: "user", content: "last" });
      const r = placeMessageBreakpoints(msgs, reserved, reserved ? "5m" : null);
      expect(r.stripped).toBe(stripped);
      expect(r.count).toBe(kept + 1);
      expect(reserved + r.count).toBeLessThanOrEqual(4);
      // The newest are the ones kept.
      const flags = marks(r.messages).map((m) => m.some((x) => x.endsWith("*")));
      expect(flags).toEqual([...Array(stripped).fill(false), ...Array(kept).fill(true), true]);
    });
  }

  test("a 1h mark after a 5m one is downgraded (the API wants longer ttls first)", () => {
    const msgs: MessageParam[] = [
      { role: "user", content: [{ type: "text", text: "a", cache_control: H1 }] },
      { role: "assistant", content: "b" },
      { role: "user", content: "c" },
    ];
    const after5m = placeMessageBreakpoints(msgs, 1, "5m").messages[0]?.content as B[];
    expect(after5m[0]?.cache_control).toEqual(M5);
    const after1h = placeMessageBreakpoints(msgs, 1, "1h").messages[0]?.content as B[];
    expect(after1h[0]?.cache_control).toEqual(H1);
  });

  test("unchanged messages are shared, not copied", () => {
    const msgs: MessageParam[] = [
      { role: "user", content: "a" },
      { role: "assistant", content: "b" },
      { role: "user", content: "c" },
    ];
    const r = placeMessageBreakpoints(msgs, 1, "5m");
    expect(r.messages[0]).toBe(msgs[0] as MessageParam);
    expect(r.messages[1]).toBe(msgs[1] as MessageParam);
    expect(r.messages[2]).not.toBe(msgs[2] as MessageParam);
  });
});
