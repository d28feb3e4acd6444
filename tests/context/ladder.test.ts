// The compression ladder's pure levels: snip keeps head and tail, micro-compact stubs old
// tool results, drain clears old results and attachments — each stable when run again.
import { describe, expect, test } from "bun:test";
import { drain, microcompact, snipMessages, snipText, stubFor } from "../../src/context/index.ts";
import type { MessageParam } from "../../src/model/index.ts";

const turn = (i: number, result: string): MessageParam[] => [
  { role: "assistant", content: [{ type: "tool_use", id: `t${i}`, name: i % 2 ? "Read" : "Bash", input: {} }] },
  { role: "user", content: [{ type: "tool_result", tool_use_id: `t${i}`, content: result }, { type: "text", text: `<system-reminder>r${i}</system-reminder>` }] },
];
const history = (n: number, size = 10): MessageParam[] => [{ role: "user", content: "start" }, ...Array.from({ length: n }, (_, i) => turn(i, `out${i} `.repeat(size))).flat()];

describe("snip", () => {
  test("under the budget nothing changes (same objects); over it, head + marker + tail", () => {
    expect(snipText("short", 10)).toBe("short");
    const long = `${"a".repeat(500)}${"b".repeat(500)}`;
    const cut = snipText(long, 100);
    expect(cut).toMatch(/^a+\n\[… \d+ characters snipped to save context …\]\nb+$/);
    expect(cut.length).toBeLessThanOrEqual(100);
    const [head, tail] = [cut.split("\n")[0]!, cut.split("\n")[2]!];
    expect(Number(/… (\d+) char/.exec(cut)![1])).toBe(1000 - head.length - tail.length);
    const h = history(2);
    expect(snipMessages(h, 1_000).every((m, i) => m === h[i])).toBe(true);
  });

  test("is stable: snipping a snipped history changes nothing", () => {
    const once = snipMessages(history(3, 500), 100);
    expect(JSON.stringify(snipMessages(once, 100))).toBe(JSON.stringify(once));
    expect(JSON.stringify(once)).toContain("characters snipped");
  });
});

describe("micro-compact", () => {
  test("results older than the last N turns become stubs naming their tool; recent ones stay", () => {
    const { messages, cleared } = microcompact(history(6), { keepRecentTurns: 2 });
    expect(cleared).toBe(4);
    const results = messages.flatMap((m) => (typeof m.content === "string" ? [] : m.content.filter((b) => b.type === "tool_result")));
    expect(results.map((r) => (r as { content: string }).content)).toEqual([stubFor("Bash"), stubFor("Read"), stubFor("Bash"), stubFor("Read"), expect.stringContaining("out4"), expect.stringContaining("out5")]);
  });

  test("is stable: a second pass clears nothing and leaves the bytes as they were", () => {
    const first = microcompact(history(6), { keepRecentTurns: 2 }).messages;
    const second = microcompact(first, { keepRecentTurns: 2 });
    expect(second.cleared).toBe(0);
    expect(JSON.stringify(second.messages)).toBe(JSON.stringify(first));
  });

  test("a short history is left alone", () => expect(microcompact(history(1), { keepRecentTurns: 3 }).cleared).toBe(0));
});

describe("drain (recovery layer 5)", () => {
  test("keeps only the last turn's results and drops old attachments", () => {
    const drained = JSON.stringify(drain(history(4)));
    expect(drained).not.toContain("out0");
    expect(drained).toContain("out3");
    expect(drained).not.toContain("r0</system-reminder>");
    expect(drained).toContain("r3</system-reminder>");
  });
});

describe("historyTokens", () => {
  test("sizes follow the messages: a replaced message is measured anew, the total covers every message", async () => {
    const { historyTokens } = await import("../../src/context/index.ts");
    const h = history(6, 200);
    const whole = historyTokens(h);
    expect(whole).toBe(h.reduce((n, m) => n + historyTokens([m]), 0));
    const { messages } = microcompact(h, { keepRecentTurns: 2 });
    expect(historyTokens(messages)).toBeLessThan(whole);
    expect(historyTokens(h)).toBe(whole);
  });
});
