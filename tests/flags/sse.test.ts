// SSE framing, fed in awkward chunks: CRLF and CR line ends, multi-line data, comments,
// events split across chunks, and the default event type.
import { describe, expect, test } from "bun:test";
import { readSse, type SseEvent } from "../../src/flags/sse.ts";

function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  return new ReadableStream({
    start(c) {
      for (const s of chunks) c.enqueue(enc.encode(s));
      c.close();
    },
  });
}

async function collect(chunks: string[]): Promise<SseEvent[]> {
  const out: SseEvent[] = [];
  for await (const e of readSse(streamOf(chunks))) out.push(e);
  return out;
}

describe("readSse", () => {
  test.each([
    ["one features event", ["event: features\ndata: {\"a\":1}\n\n"], [{ event: "features", data: '{"a":1}' }]],
    ["CRLF line ends", ["event: x\r\ndata: 1\r\n\r\n"], [{ event: "x", data: "1" }]],
    ["CR split from LF across chunks", ["event: x\r", "\ndata: 1\r", "\n\r\n"], [{ event: "x", data: "1" }]],
    ["multi-line data", ["data: a\ndata: b\n\n"], [{ event: "message", data: "a\nb" }]],
    ["comments and empty events skipped", [": hi\n\n", "data:no-space\n\n"], [{ event: "message", data: "no-space" }]],
    ["split mid-field", ["eve", "nt: features\nda", "ta: 2\n", "\n"], [{ event: "features", data: "2" }]],
    ["unfinished event at the end is dropped", ["data: 1\n\ndata: 2\n"], [{ event: "message", data: "1" }]],
    ["id is kept", ["id: 7\ndata: z\n\n"], [{ event: "message", data: "z", id: "7" }]],
  ])("%s", async (_name, chunks, want) => {
    expect(await collect(chunks)).toEqual(want);
  });
});
