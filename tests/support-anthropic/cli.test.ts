// The standalone server as a real child process: URL on the first stdout line, a JSON script
// served in order and then the echo fallback, the api key enforced, and bad scripts refused with
// a message naming the file and field.
import Anthropic from "@anthropic-ai/sdk";
import { afterEach, expect, test } from "bun:test";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const CLI = resolve(import.meta.dir, "../support/anthropic/cli.ts");
const children: Bun.Subprocess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) child.kill();
});

function scriptFile(content: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), "anthropic-cli-"));
  const file = join(dir, "script.json");
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
}

async function firstLine(stream: ReadableStream<Uint8Array>): Promise<string> {
  const reader = stream.getReader();
  let text = "";
  while (!text.includes("\n")) {
    const { value, done } = await reader.read();
    if (done) break;
    text += new TextDecoder().decode(value);
  }
  reader.releaseLock();
  return text.split("\n")[0]!;
}

test("serves the script, then echoes; the first stdout line is the URL", async () => {
  const file = scriptFile([
    { content: [{ type: "tool_use", name: "bash", input: { command: "ls" } }], chunkSize: 3 },
    { kind: "http_error", status: 529, errorType: "overloaded_error", message: "Overloaded" },
  ]);
  const child = Bun.spawn([process.execPath, CLI, "--script", file, "--api-key", "k1"], { stdout: "pipe", stderr: "pipe" });
  children.push(child);
  const url = await firstLine(child.stdout);
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

  const client = new Anthropic({ baseURL: url, apiKey: "k1", maxRetries: 0 });
  const ask = (content: string) => ({ model: "m", max_tokens: 100, messages: [{ role: "user" as const, content }] });
  const first = await client.messages.stream(ask("go")).finalMessage();
  expect(first.content[0]).toMatchObject({ type: "tool_use", name: "bash", input: { command: "ls" } });
  expect((await client.messages.create(ask("x")).catch((e) => e)).status).toBe(529);
  expect((await client.messages.create(ask("hello"))).content[0]).toMatchObject({ text: "echo: hello" });

  const wrongKey = new Anthropic({ baseURL: url, apiKey: "other", maxRetries: 0 });
  expect((await wrongKey.messages.create(ask("x")).catch((e) => e)).status).toBe(401);
});

const badScripts: { name: string; content: unknown; message: RegExp }[] = [
  { name: "not JSON", content: "[{", message: /script\.json: not valid JSON/ },
  { name: "field missing", content: [{ kind: "http_error", status: 529 }], message: /script\.json: 0\.errorType: / },
  { name: "content missing", content: [{ chunkSize: 3 }], message: /script\.json: 0\.content: / },
  { name: "unknown kind", content: { replies: [{ kind: "bogus" }] }, message: /script\.json: replies\.0\.kind: unknown reply kind "bogus"/ },
];
for (const c of badScripts) {
  test(`a bad script (${c.name}) exits 2 naming the file`, async () => {
    const file = scriptFile(c.content);
    const proc = Bun.spawnSync([process.execPath, CLI, "--script", file], { stdout: "pipe", stderr: "pipe" });
    expect(proc.exitCode).toBe(2);
    expect(proc.stdout.toString()).toBe("");
    expect(proc.stderr.toString()).toMatch(c.message);
  });
}

test("a bad flag exits 2 with a one-line message", () => {
  const proc = Bun.spawnSync([process.execPath, CLI, "--port", "abc"], { stdout: "pipe", stderr: "pipe" });
  expect(proc.exitCode).toBe(2);
  expect(proc.stderr.toString().trim()).toBe('anthropic-server: --port must be a non-negative integer, got "abc"');
});
