// CwdChanged: the real Bash tool in the agent loop. A successful command's top-level `cd`
// moves the session's working directory (the next command runs there) and fires the hook
// once with old_cwd and new_cwd; a `cd` in a subshell, a failed command or a `cd` out of
// the session's directory moves nothing and fires nothing.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync, realpathSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { cdTarget } from "../../src/engine/index.ts";
import { builtinTools } from "../../src/tools/index.ts";
import { endOf, resultText, run, startServer, toolResultsOf } from "../engine/harness.ts";
import { type AnthropicServer, text, toolUse } from "../support/anthropic/index.ts";
import { fixture, on } from "./helpers.ts";

let server: AnthropicServer;
let source: Awaited<ReturnType<typeof startServer>>["source"];
beforeAll(async () => ({ server, source } = await startServer()));
afterAll(() => server.close());

const tools = builtinTools().filter((t) => t.name === "Bash");
const bash = (command: string) => toolUse("Bash", { command });

function project() {
  const f = fixture();
  const dir = realpathSync(f.dir);
  mkdirSync(join(dir, "sub", "deeper"), { recursive: true });
  const rec = f.recorder("cwd");
  return { f, dir, rec, hooks: f.runner(on("CwdChanged", rec.command)) };
}

/** The text of the tool result the model got in request i. */
const resultAt = (i: number) => resultText(toolResultsOf(server.messageRequests()[i]!.body)[0]);

describe("CwdChanged", () => {
  test("cd into a sub-directory: fires once with old_cwd/new_cwd, and the next command runs there", async () => {
    server.reset();
    const p = project();
    server.enqueue(bash("cd sub && echo moved"), bash("pwd"), text("ok"));
    const events = await run({ source, cwd: p.dir, prompt: "go", tools, hooks: p.hooks });
    expect(endOf(events).stop).toBe("success");
    expect(p.rec.heard()).toEqual([expect.objectContaining({ hook_event_name: "CwdChanged", old_cwd: p.dir, new_cwd: join(p.dir, "sub"), cwd: join(p.dir, "sub") })]);
    expect(resultAt(1)).toContain(`The working directory is now ${join(p.dir, "sub")}`);
    expect(resultAt(2)).toStartWith(join(p.dir, "sub"));
  });

  test("a directory whose name starts with two dots is inside the session's directory", async () => {
    server.reset();
    const p = project();
    mkdirSync(join(p.dir, "..cache"));
    server.enqueue(bash("cd ..cache"), bash("pwd"), text("ok"));
    await run({ source, cwd: p.dir, prompt: "go", tools, hooks: p.hooks });
    expect(p.rec.heard().map((e) => e.new_cwd)).toEqual([join(p.dir, "..cache")]);
    expect(resultAt(2)).toStartWith(join(p.dir, "..cache"));
  });

  test("the directory carries over to the REPL's next run (one store), relative to where it is", async () => {
    server.reset();
    const p = project();
    const store = new Map<string, unknown>();
    server.enqueue(bash("cd sub"), text("ok"), bash("cd deeper"), bash("pwd"), text("ok"));
    await run({ source, cwd: p.dir, prompt: "1", tools, hooks: p.hooks, store });
    await run({ source, cwd: p.dir, prompt: "2", tools, hooks: p.hooks, store });
    expect(p.rec.heard().map((e) => [e.old_cwd, e.new_cwd])).toEqual([
      [p.dir, join(p.dir, "sub")],
      [join(p.dir, "sub"), join(p.dir, "sub", "deeper")],
    ]);
    expect(resultAt(4)).toStartWith(join(p.dir, "sub", "deeper"));
  });

  test("nothing moves for a subshell cd, a failed command, a cd to where it already is, or a cd outside the session's directory", async () => {
    server.reset();
    const p = project();
    server.enqueue(bash("(cd sub)"), bash("cd sub && false"), bash("cd ."), bash("cd /"), bash("pwd"), text("ok"));
    await run({ source, cwd: p.dir, prompt: "go", tools, hooks: p.hooks });
    expect(p.rec.heard()).toEqual([]);
    expect(resultAt(4)).toContain(`/ is outside the session's directory ${p.dir}; the working directory stays ${p.dir}`);
    expect(resultAt(5)).toStartWith(p.dir);
    expect(resultAt(5)).not.toContain("sub");
  });
});

describe("cdTarget: where a command's top-level cds lead", () => {
  const base = () => {
    const p = project();
    return { p, sub: join(p.dir, "sub") };
  };
  test.each([
    ["cd sub", "sub"],
    ["cd sub && make", "sub"],
    ["make; cd 'sub'", "sub"],
    ["cd sub; cd deeper", "sub/deeper"],
    ["cd -- sub", "sub"],
    ["cd sub/deeper && cd ..", "sub"],
    ["ls", undefined],
    ["(cd sub)", undefined],
    ["cd sub | cat", undefined],
    ["if true; then cd sub; fi", undefined],
    ["cd sub &", undefined],
    ["echo $(cd sub)", undefined],
    ["cd $SOMEWHERE", undefined],
    ["cd -", undefined],
    ["cd missing", undefined],
    ["echo cd sub", undefined],
  ] as const)("%s", async (command, want) => {
    const { p } = base();
    expect(await cdTarget(command, p.dir)).toBe(want === undefined ? undefined : join(p.dir, want));
  });
  test("cd alone and cd ~ lead home", async () => {
    const { p } = base();
    expect(await cdTarget("cd", p.dir)).toBe(realpathSync(homedir()));
    expect(await cdTarget("cd ~", p.dir)).toBe(realpathSync(homedir()));
  });
});
