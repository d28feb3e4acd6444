// tools/call results as the model sees them: a table of content kinds, and the cap that
// keeps one chatty server from filling the context window.
import { describe, expect, test } from "bun:test";
import { mcpToolName, sanitizeName, toToolResult } from "./face.ts";

describe("toToolResult", () => {
  test("text blocks join into one string", () => {
    expect(toToolResult({ content: [{ type: "text", text: "a" }, { type: "text", text: "b" }] })).toMatchObject({ forModel: "a\nb" });
  });

  test("isError carries over", () => {
    expect(toToolResult({ content: [{ type: "text", text: "boom" }], isError: true }).isError).toBe(true);
    expect(toToolResult({ content: [{ type: "text", text: "ok" }] }).isError).toBeUndefined();
  });

  test("images the API accepts become image blocks; others a note", () => {
    const r = toToolResult({ content: [{ type: "image", data: "aGVsbG8=", mimeType: "image/png" }, { type: "image", data: "aGVsbG8=", mimeType: "image/bmp" }] });
    expect(r.forModel).toEqual([
      { type: "image", source: { type: "base64", media_type: "image/png", data: "aGVsbG8=" } },
      { type: "text", text: "[image of type image/bmp (6 bytes) not shown: the model accepts jpeg, png, gif and webp]" },
    ]);
  });

  test("resources, links, audio and structured content become text", () => {
    const r = toToolResult({
      content: [
        { type: "resource", resource: { uri: "file:///a.txt", mimeType: "text/plain", text: "hello" } },
        { type: "resource", resource: { uri: "file:///b.bin", blob: "AAAA" } },
        { type: "resource_link", uri: "file:///c", name: "c" },
        { type: "audio", data: "AAAA", mimeType: "audio/wav" },
      ],
    });
    expect(r.forModel).toBe(
      '[resource file:///a.txt (text/plain)]\nhello\n[resource file:///b.bin] binary, 3 bytes, not shown\n[resource link file:///c "c"]\n[audio of type audio/wav (3 bytes) not shown]',
    );
    expect(toToolResult({ content: [], structuredContent: { sum: 3 } }).forModel).toBe('{"sum":3}');
    expect(toToolResult({ content: [] }).forModel).toBe("(no output)");
  });

  test("huge output keeps its head and tail and counts what was dropped", () => {
    const big = `${"h".repeat(60_000)}${"m".repeat(100_000)}${"t".repeat(60_000)}`;
    const r = toToolResult({ content: [{ type: "text", text: big }] }, 100_000);
    const out = r.forModel as string;
    expect(out.length).toBeLessThan(100_200);
    expect(out.startsWith("h".repeat(50_000))).toBe(true);
    expect(out.endsWith("t".repeat(50_000))).toBe(true);
    expect(out).toContain("[120000 characters of MCP tool output omitted]");
  });

  test("an image too large for the cap is dropped with a note", () => {
    const r = toToolResult({ content: [{ type: "text", text: "see" }, { type: "image", data: "A".repeat(4000), mimeType: "image/png" }] }, 1000);
    expect(r.forModel).toBe("see\n[image image/png of 3000 bytes dropped: output too large]");
  });
});

describe("names", () => {
  test.each([
    ["github", "create_issue", "mcp__github__create_issue"],
    ["my server", "do.it", "mcp__my_server__do_it"],
    ["plugin:demo:srv", "ü-tool", "mcp__plugin_demo_srv___-tool"],
  ])("%s / %s → %s", (server, tool, name) => expect(mcpToolName(server, tool)).toBe(name));

  test("sanitizeName keeps [A-Za-z0-9_-] only", () => expect(sanitizeName("a/b c-d_e")).toBe("a_b_c-d_e"));
});
