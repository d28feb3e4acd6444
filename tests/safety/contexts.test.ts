// Sub-commands inside the same constructs share one context list (contexts.ts); sharing
// must not let one command's context leak into another's.
import { describe, expect, test } from "bun:test";
import { analyzeUncached } from "../../src/safety/index.ts";

describe("shared context lists", () => {
  test("commands in the same constructs share a list, and each list is its own path", () => {
    const a = analyzeUncached("for f in *.js; do gzip $f | wc -c; done; (ls | wc -l); echo $(date) && ls & wait");
    const ctx = Object.fromEntries(a.commands.map((c, i) => [`${i}:${c.argv[0]}`, c.context]));
    expect(ctx).toEqual({
      "0:gzip": ["loop", "pipeline"],
      "1:wc": ["loop", "pipeline"],
      "2:ls": ["subshell", "pipeline"],
      "3:wc": ["subshell", "pipeline"],
      "4:echo": ["background"],
      "5:date": ["substitution", "background"],
      "6:ls": ["background"],
      "7:wait": [],
    });
    expect(a.commands[0]!.context).toBe(a.commands[1]!.context);
    expect(a.commands[4]!.context).toBe(a.commands[6]!.context);
    // Another line with the same constructs gets the same lists, unchanged by the first.
    const b = analyzeUncached("for x in a b; do cat $x | head; done");
    expect(b.commands[0]!.context).toBe(a.commands[0]!.context);
    expect(b.commands[0]!.context).toEqual(["loop", "pipeline"]);
  });
});
