// Long and deeply nested commands are analysed to the end: a payload at the very end of
// 10 KB, inside a long heredoc, or at the bottom of nested $(…) and `bash -c` still fires
// its check. Where the analysis stops following (limits.ts), the command is confirm with
// the named check nesting-limit, never allow.
import { describe, expect, test } from "bun:test";
import { analyzeBash, CHECKS } from "../../src/safety/index.ts";
import { MAX_CONTEXT_DEPTH, MAX_PAREN_DEPTH, MAX_SHELL_NESTING, parenDepth } from "../../src/safety/bash/limits.ts";
import { chain, deepShells, deepSubstitution, hostileHeredoc, hostileTail, longCommands } from "./corpus/long.ts";

const ids = (a: { checks: { id: string }[] }) => a.checks.map((c) => c.id);

describe("long commands", () => {
  test("every hostile long input is flagged by its check, at every size up to 10 KB", async () => {
    const missed: string[] = [];
    for (const size of [1024, 2048, 4096, 7168, 10240]) {
      for (let seed = 0; seed < 3; seed++) {
        for (const [command, check, shape] of longCommands(size, seed)) {
          if (check === undefined) continue;
          const a = await analyzeBash(command);
          if (a.verdict === "allow" || !ids(a).includes(check)) missed.push(`${shape} ${size} #${seed}: ${a.verdict} [${ids(a).join(", ")}]`);
        }
      }
    }
    expect(missed).toEqual([]);
  });

  test("the last command of a 10 KB chain is seen: a download piped to sh at the very end is denied", async () => {
    const command = hostileTail(10240, 4);
    expect(command.length).toBeGreaterThan(10000);
    const a = await analyzeBash(command);
    expect(a.verdict).toBe("deny");
    const fired = a.checks.find((c) => c.id === "download-execute");
    expect(fired?.command).toBe(a.commands.length - 1);
    expect(a.commands.at(-1)?.argv).toEqual(["sh"]);
  });

  test("a substitution after 10 KB of heredoc body is found and runs nothing unseen", async () => {
    const a = await analyzeBash(hostileHeredoc(10240, 1));
    expect(a.verdict).toBe("deny");
    expect(ids(a)).toContain("destructive-rm");
  });

  test("ordinary long inputs keep their verdicts: quoted payloads and heredocs are data", async () => {
    for (const [command, check, shape] of longCommands(10240, 2)) {
      if (check !== undefined || shape === "chain") continue;
      const a = await analyzeBash(command);
      expect({ shape, verdict: a.verdict, checks: ids(a) }).toEqual({ shape, verdict: "allow", checks: [] });
    }
    // The chain holds $(date …) on newline-separated lines, which asks (newline-chain).
    expect((await analyzeBash(chain(10240, 0))).verdict).toBe("ask");
  });
});

describe("nesting", () => {
  test(`$(…) nested up to ${MAX_PAREN_DEPTH} deep is followed to the bottom`, async () => {
    for (const depth of [1, 5, 16, MAX_PAREN_DEPTH]) {
      const a = await analyzeBash(deepSubstitution(depth));
      expect({ depth, verdict: a.verdict, rm: ids(a).includes("destructive-rm") }).toEqual({ depth, verdict: "deny", rm: true });
    }
  });

  test("deeper $(…) is not parsed: confirm with nesting-limit, whatever it hides", async () => {
    for (const depth of [MAX_PAREN_DEPTH + 1, 200, 1300]) {
      const command = deepSubstitution(depth);
      expect(parenDepth(command)).toBe(depth);
      const a = await analyzeBash(command);
      expect(a.verdict).toBe("ask");
      expect(a.parsed).toBe(false);
      expect(a.checks.find((c) => c.id === "nesting-limit")?.level).toBe("confirm");
    }
    // Parentheses inside quotes count too: over-estimating only ever asks.
    expect((await analyzeBash(`echo '${"(".repeat(MAX_PAREN_DEPTH + 1)}'`)).verdict).toBe("ask");
  });

  test("the paren depth is the deepest run of unclosed ( in the text, closers without an opener ignored", () => {
    expect([parenDepth(""), parenDepth("a)b((c)d(e))"), parenDepth(")))((("), parenDepth("(()())"), parenDepth("())(")]).toEqual([0, 2, 3, 2, 1]);
    // Against a character-by-character count, on texts of nothing but parentheses and letters.
    let seed = 7;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    for (let k = 0; k < 300; k++) {
      const text = Array.from({ length: next() % 60 }, () => "()x"[next() % 3]).join("");
      let depth = 0;
      let max = 0;
      for (const c of text) {
        if (c === "(") max = Math.max(max, ++depth);
        else if (c === ")" && depth > 0) depth--;
      }
      expect({ text, depth: parenDepth(text) }).toEqual({ text, depth: max });
    }
  });

  test(`constructs nested past ${MAX_CONTEXT_DEPTH} (if in if, loop in loop) are not extracted: confirm with nesting-limit`, async () => {
    const deep = (n: number) => `${"if true; then ".repeat(n)}rm -rf ~;${" fi;".repeat(n)}`;
    const followed = await analyzeBash(deep(MAX_CONTEXT_DEPTH - 1));
    expect(ids(followed)).toContain("destructive-rm");
    for (const command of [deep(MAX_CONTEXT_DEPTH + 1), `${"while true; do ".repeat(400)}rm -rf ~;${" done;".repeat(400)}`]) {
      const a = await analyzeBash(command);
      expect(a.verdict).toBe("ask");
      expect(a.checks.find((c) => c.id === "nesting-limit")?.level).toBe("confirm");
    }
  });

  test("thousands of nested groups neither throw nor allow", async () => {
    const a = await analyzeBash(`${"{ ".repeat(6000)}rm -rf ~;${" }".repeat(6000)}`);
    expect(a.verdict).not.toBe("allow");
  });

  test(`bash -c is followed ${MAX_SHELL_NESTING} shells deep; deeper is confirm with nesting-limit`, async () => {
    const followed = await analyzeBash(deepShells(MAX_SHELL_NESTING));
    expect(ids(followed)).toContain("download-execute");
    expect(ids(followed)).not.toContain("nesting-limit");
    for (const depth of [MAX_SHELL_NESTING + 1, MAX_SHELL_NESTING + 2]) {
      const a = await analyzeBash(deepShells(depth));
      expect(a.verdict).toBe("ask");
      expect(ids(a)).toContain("nesting-limit");
      expect(ids(a)).toContain("nested-shell");
    }
  });

  test("nesting-limit is a named check like the others", () => {
    expect(CHECKS["nesting-limit"][0]).toBe("confirm");
  });
});
