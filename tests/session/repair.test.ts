// repairHistory as a table: what a crash can leave behind, and the history the API
// will accept afterwards.
import { describe, expect, test } from "bun:test";
import { repairHistory } from "../../src/session/index.ts";

const user = (text: string) => ({ role: "user" as const, content: [{ type: "text", text }] });
const asst = (text: string) => ({ role: "assistant" as const, content: [{ type: "text", text }] });
const calls = (...ids: string[]) => ({
  role: "assistant" as const,
  content: ids.map((id) => ({ type: "tool_use", id, name: "Read", input: {} })),
});
const results = (...ids: string[]) => ({
  role: "user" as const,
  content: ids.map((id) => ({ type: "tool_result", tool_use_id: id, content: "ok" })),
});

const cases: Array<{ name: string; recorded: any[]; expected: any[]; dropped: number }> = [
  { name: "a complete exchange is kept as is", recorded: [user("a"), asst("b")], expected: [user("a"), asst("b")], dropped: 0 },
  {
    name: "killed mid-stream: the unanswered prompt stays (the next prompt joins it)",
    recorded: [user("a"), asst("b"), user("c")],
    expected: [user("a"), asst("b"), user("c")],
    dropped: 0,
  },
  {
    name: "killed while tools ran: the assistant turn with unanswered calls goes",
    recorded: [user("a"), calls("t1", "t2")],
    expected: [user("a")],
    dropped: 1,
  },
  {
    name: "tool results recorded: the exchange is complete up to the next call",
    recorded: [user("a"), calls("t1"), results("t1")],
    expected: [user("a"), calls("t1"), results("t1")],
    dropped: 0,
  },
  {
    name: "resumed after a crash mid-tools: the orphaned call goes, the prompts join",
    recorded: [user("a"), calls("t1"), user("again")],
    expected: [{ role: "user", content: [...user("a").content, ...user("again").content] }],
    dropped: 1,
  },
  {
    name: "partial results for some calls: the whole turn goes, user text after it stays",
    recorded: [user("a"), calls("t1", "t2"), { role: "user", content: [...results("t1").content, ...user("more").content] }],
    expected: [{ role: "user", content: [...user("a").content, ...user("more").content] }],
    dropped: 1,
  },
  {
    name: "user fragments recorded separately are joined",
    recorded: [user("a"), calls("t1"), results("t1"), user("next")],
    expected: [user("a"), calls("t1"), { role: "user", content: [...results("t1").content, ...user("next").content] }],
    dropped: 0,
  },
  { name: "a leading assistant message is dropped", recorded: [asst("x"), user("a")], expected: [user("a")], dropped: 1 },
];

describe("repairHistory", () => {
  for (const c of cases) {
    test(c.name, () => {
      const r = repairHistory(c.recorded);
      expect(r.messages).toEqual(c.expected);
      expect(r.dropped).toHaveLength(c.dropped);
    });
  }
});
