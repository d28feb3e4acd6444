// The headless front end in process: option checking as a table, tool lists
// (--allowed-tools / --disallowed-tools), prompt sources and what each format prints.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runHeadless, type HeadlessEnv } from "../../src/cli/headless.ts";
import { headlessOptions } from "../../src/cli/headless-options.ts";
import { detectSandbox } from "../../src/safety/index.ts";
import { type AnthropicServer, startAnthropicServer, text, toolUse } from "../support/anthropic/index.ts";

let server: AnthropicServer;
beforeAll(async () => (server = await startAnthropicServer({ apiKey: "k" })));
afterAll(() => server.close());

const sandboxUsable = (await detectSandbox()).available;

function io(stdin?: string): HeadlessEnv & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    cwd: mkdtempSync(join(tmpdir(), "keel-cwd-")),
    env: { ANTHROPIC_API_KEY: "k", ANTHROPIC_BASE_URL: server.url },
    stateDir: mkdtempSync(join(tmpdir(), "keel-state-")),
    stdout: { write: (s: string) => out.push(s) },
    stderr: { write: (s: string) => err.push(s) },
    readStdin: () => stdin,
  };
}

describe("headless options", () => {
  const bad: Array<[string, Record<string, unknown>, string]> = [
    ["unknown format", { outputFormat: "xml" }, "--output-format must be one of text, json, stream-json"],
    ["zero turns", { maxTurns: "0" }, "--max-turns must be a whole number"],
    ["fractional turns", { maxTurns: "1.5" }, "--max-turns must be a whole number"],
    ["both resume kinds", { continue: true, resume: "x" }, "--continue and --resume cannot be used together"],
  ];
  for (const [name, raw, message] of bad) test(`rejects ${name}`, () => expect(() => headlessOptions(raw)).toThrow(message));

  test("defaults", () => {
    expect(headlessOptions({ print: "hi" })).toMatchObject({ print: "hi", outputFormat: "text", allowedTools: [], continue: false, executor: "streaming" });
  });
});

describe("runHeadless", () => {
  test("stdin and the -p text both go into the prompt; text format prints the answer only", async () => {
    server.reset();
    server.enqueue(text("answer"));
    const env = io("piped context");
    const code = await runHeadless(headlessOptions({ print: "the question" }), env);
    expect(code).toBe(0);
    expect(env.out.join("")).toBe("answer\n");
    expect(server.messageRequests()[0]?.body.messages[0].content[0].text).toBe("piped context\n\nthe question");
  });

  test("no prompt at all is a clear error, and no session file is written", async () => {
    const env = io(undefined);
    await expect(runHeadless(headlessOptions({ print: true }), env)).rejects.toThrow("no prompt");
    expect(readdirSync(env.stateDir)).toEqual([]);
  });

  test("--disallowed-tools removes tools from what the model sees", async () => {
    server.reset();
    server.enqueue(text("ok"));
    await runHeadless(headlessOptions({ print: "hi", disallowedTools: ["Bash,Write", "Task"] }), io());
    const names = server.messageRequests()[0]?.body.tools.map((t: any) => t.name);
    expect(names).toContain("Read");
    expect(names).not.toContain("Bash");
    expect(names).not.toContain("Write");
    expect(names).not.toContain("Task");
  });

  test("--allowed-tools lets listed tools run and denies the rest (no one to ask)", async () => {
    server.reset();
    const env = io();
    server.enqueue(
      { content: [{ type: "tool_use", name: "LS", input: { path: env.cwd } }, { type: "tool_use", name: "Bash", input: { command: "touch made-by-bash" } }] },
      text("done"),
    );
    const code = await runHeadless(headlessOptions({ print: "go", allowedTools: ["LS Read"], outputFormat: "stream-json" }), env);
    expect(code).toBe(0);
    const results = server.messageRequests()[1]?.body.messages.at(-1).content;
    expect(results[0].is_error).toBeUndefined();
    expect(results[1]).toMatchObject({ is_error: true });
    expect(JSON.stringify(results[1].content)).toContain("needs approval");
    expect(JSON.stringify(results[1].content)).toContain("no one is there to approve it");
    expect(existsSync(join(env.cwd, "made-by-bash"))).toBe(false);
    const lines = env.out.join("").trim().split("\n").map((l) => JSON.parse(l));
    expect(lines.filter((l) => l.type === "permission_request")).toMatchObject([{ name: "Bash", decision: "deny" }]);
  });

  test("settings rules and modes decide: a project rule runs touch, a compound command is not granted by its allowed part", async () => {
    server.reset();
    const env = io();
    env.settings = { userDir: env.cwd, permissions: { projectRoot: env.cwd, rules: [{ rule: "Bash(touch allowed:*)", behavior: "allow", layer: "project" }] } };
    server.enqueue(
      { content: [{ type: "tool_use", name: "Bash", input: { command: "touch allowed" } }, { type: "tool_use", name: "Bash", input: { command: "touch allowed && touch sneaky" } }] },
      text("done"),
    );
    expect(await runHeadless(headlessOptions({ print: "go" }), env)).toBe(0);
    expect(existsSync(join(env.cwd, "allowed"))).toBe(true);
    expect(existsSync(join(env.cwd, "sneaky"))).toBe(false);
    const results = server.messageRequests()[1]?.body.messages.at(-1).content;
    expect(results[1]).toMatchObject({ is_error: true });
    expect(JSON.stringify(results[1].content)).toContain("touch sneaky");
  });

  test("--permission-mode plan denies writes even when a rule allows them; bad modes are named", async () => {
    server.reset();
    const env = io();
    server.enqueue({ content: [{ type: "tool_use", name: "Write", input: { file_path: join(env.cwd, "f.txt"), content: "x" } }] }, text("done"));
    expect(await runHeadless(headlessOptions({ print: "go", permissionMode: "plan", allowedTools: ["Write"] }), env)).toBe(0);
    expect(existsSync(join(env.cwd, "f.txt"))).toBe(false);
    expect(JSON.stringify(server.messageRequests()[1]?.body.messages.at(-1).content)).toContain("plan mode is read-only");
    server.reset();
    await expect(runHeadless(headlessOptions({ print: "go", permissionMode: "yolo" }), io())).rejects.toThrow('--permission-mode must be one of default, acceptEdits, plan, bypassPermissions (got "yolo")');
  });

  test.skipIf(!sandboxUsable)("Bash runs in the sandbox: a write outside the project fails; sandbox.enabled false lifts it", async () => {
    const outsideRoot = join(import.meta.dir, "../../.tmp");
    mkdirSync(outsideRoot, { recursive: true });
    const outside = mkdtempSync(join(outsideRoot, "headless-outside-"));
    for (const sandbox of [undefined, false] as const) {
      server.reset();
      const env = io();
      env.settings = { userDir: env.cwd, permissions: { projectRoot: env.cwd, rules: [], ...(sandbox === false ? { sandbox } : {}) } };
      const target = join(outside, `from-${sandbox === false ? "unsandboxed" : "sandboxed"}.txt`);
      server.enqueue(toolUse("Bash", { command: `echo x > ${target}` }), text("done"));
      expect(await runHeadless(headlessOptions({ print: "go", permissionMode: "bypassPermissions" }), env)).toBe(0);
      const result = server.messageRequests()[1]?.body.messages.at(-1).content[0];
      if (sandbox === false) {
        expect(existsSync(target)).toBe(true);
      } else {
        expect(existsSync(target)).toBe(false);
        // Read-only (the system) or absent (when the checkout itself sits under the private /tmp).
        expect(JSON.stringify(result.content)).toMatch(/Read-only file system|No such file or directory/);
      }
    }
  });

  test("an API error prints one line on stderr in text mode and exits 1", async () => {
    server.reset();
    server.enqueue({ kind: "http_error", status: 400, errorType: "invalid_request_error", message: "bad thing" });
    const env = io();
    const code = await runHeadless(headlessOptions({ print: "hi" }), env);
    expect(code).toBe(1);
    expect(env.err.join("")).toContain("bad thing");
    expect(env.out.join("")).toBe("");
  });

  test("--resume with an unknown id fails clearly before calling the model", async () => {
    server.reset();
    const env = io();
    await expect(runHeadless(headlessOptions({ print: "hi", resume: "11111111-1111-4111-8111-111111111111" }), env)).rejects.toThrow("no session");
    expect(server.messageRequests()).toHaveLength(0);
  });
});
