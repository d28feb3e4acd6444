// Encodes a scripted answer in the Messages API wire format: the SSE event sequence of a streamed
// message (message_start, ping, content_block_start/delta/stop, message_delta, message_stop) and
// the JSON Message of a non-streamed one. Ids and signatures look like the API's own.
import { randomBytes } from "node:crypto";
import { blockOutputTokens } from "./tokens.ts";
import type { MessageReply, ReplyBlock, StopReason, Usage } from "./types.ts";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

function base62(length: number): string {
  const bytes = randomBytes(length);
  let out = "";
  for (const b of bytes) out += BASE62[b % 62];
  return out;
}

export const newMessageId = () => `msg_01${base62(22)}`;
export const newToolUseId = () => `toolu_01${base62(22)}`;
export const newRequestId = () => `req_011C${base62(20)}`;
const newSignature = () => randomBytes(96).toString("base64");

export type FullBlock =
  | { type: "text"; text: string }
  | { type: "tool_use"; id: string; name: string; input: unknown }
  | { type: "thinking"; thinking: string; signature: string };

export interface SseEvent {
  event: string;
  data: unknown;
}

/** The reply's blocks with every id and signature filled in. */
export function fullBlocks(reply: MessageReply): FullBlock[] {
  const blocks: ReplyBlock[] = typeof reply.content === "string" ? [{ type: "text", text: reply.content }] : reply.content;
  return blocks.map((b): FullBlock => {
    if (b.type === "tool_use") return { type: "tool_use", id: b.id ?? newToolUseId(), name: b.name, input: b.input ?? {} };
    if (b.type === "thinking") return { type: "thinking", thinking: b.thinking, signature: b.signature ?? newSignature() };
    return { type: "text", text: b.text };
  });
}

/** Longest prefix of `text` whose UTF-8 size is at most `bytes`, cut on a code point. */
function cutUtf8(text: string, bytes: number): string {
  let used = 0;
  let out = "";
  for (const ch of text) {
    used += Buffer.byteLength(ch);
    if (used > bytes) break;
    out += ch;
  }
  return out;
}

/**
 * Cuts the answer where a `max_tokens` budget runs out, as the model would stop: text and thinking
 * are cut mid-block, a tool_use that does not fit whole is left out. `truncated` tells whether
 * anything was cut.
 */
export function fitToMaxTokens(blocks: FullBlock[], maxTokens: number): { blocks: FullBlock[]; truncated: boolean } {
  let budget = maxTokens;
  const kept: FullBlock[] = [];
  for (const block of blocks) {
    const cost = blockOutputTokens(block);
    if (cost <= budget) {
      kept.push(block);
      budget -= cost;
      continue;
    }
    if (block.type === "text" && budget > 0) kept.push({ ...block, text: cutUtf8(block.text, budget * 4) });
    if (block.type === "thinking" && budget > 0) kept.push({ ...block, thinking: cutUtf8(block.thinking, budget * 4) });
    return { blocks: kept, truncated: true };
  }
  return { blocks: kept, truncated: false };
}

export function defaultStopReason(blocks: readonly FullBlock[]): StopReason {
  return blocks.some((b) => b.type === "tool_use") ? "tool_use" : "end_turn";
}

/** Splits on code points so a chunk never holds half a surrogate pair. */
export function chunks(text: string, size: number): string[] {
  const points = Array.from(text);
  const out: string[] = [];
  for (let i = 0; i < points.length; i += Math.max(1, size)) out.push(points.slice(i, i + size).join(""));
  return out;
}

export interface MessageShape {
  id: string;
  model: string;
  blocks: FullBlock[];
  stopReason: StopReason;
  stopSequence: string | null;
  usage: Usage;
}

function usageJson(u: Usage, outputTokens: number) {
  return {
    input_tokens: u.input_tokens,
    cache_creation_input_tokens: u.cache_creation_input_tokens,
    cache_read_input_tokens: u.cache_read_input_tokens,
    cache_creation: { ...u.cache_creation },
    output_tokens: outputTokens,
    service_tier: "standard",
  };
}

/** The non-streaming response body. */
export function messageJson(m: MessageShape) {
  return {
    id: m.id,
    type: "message",
    role: "assistant",
    model: m.model,
    content: m.blocks,
    stop_reason: m.stopReason,
    stop_sequence: m.stopSequence,
    usage: usageJson(m.usage, m.usage.output_tokens),
  };
}

function blockStart(b: FullBlock) {
  if (b.type === "text") return { type: "text", text: "" };
  if (b.type === "thinking") return { type: "thinking", thinking: "", signature: "" };
  return { type: "tool_use", id: b.id, name: b.name, input: {} };
}

function blockDeltas(b: FullBlock, size: number): unknown[] {
  if (b.type === "text") return chunks(b.text, size).map((text) => ({ type: "text_delta", text }));
  if (b.type === "tool_use") {
    return chunks(JSON.stringify(b.input), size).map((partial_json) => ({ type: "input_json_delta", partial_json }));
  }
  const deltas: unknown[] = chunks(b.thinking, size).map((thinking) => ({ type: "thinking_delta", thinking }));
  deltas.push({ type: "signature_delta", signature: b.signature });
  return deltas;
}

/** The whole SSE sequence of a streamed message, pings included. */
export function messageEvents(m: MessageShape, opts: { chunkSize?: number; pingEvery?: number } = {}): SseEvent[] {
  const size = opts.chunkSize ?? 12;
  const body: SseEvent[] = [];
  m.blocks.forEach((b, index) => {
    body.push({ event: "content_block_start", data: { type: "content_block_start", index, content_block: blockStart(b) } });
    for (const delta of blockDeltas(b, size)) {
      body.push({ event: "content_block_delta", data: { type: "content_block_delta", index, delta } });
    }
    body.push({ event: "content_block_stop", data: { type: "content_block_stop", index } });
  });
  const ping: SseEvent = { event: "ping", data: { type: "ping" } };
  const every = opts.pingEvery ?? 0;
  const withPings = every > 0 ? body.flatMap((e, i) => ((i + 1) % every === 0 ? [e, ping] : [e])) : body;
  const start = { ...messageJson(m), content: [], stop_reason: null, stop_sequence: null, usage: usageJson(m.usage, 1) };
  const { cache_creation: _c, service_tier: _s, ...deltaUsage } = usageJson(m.usage, m.usage.output_tokens);
  return [
    { event: "message_start", data: { type: "message_start", message: start } },
    ping,
    ...withPings,
    {
      event: "message_delta",
      data: { type: "message_delta", delta: { stop_reason: m.stopReason, stop_sequence: m.stopSequence }, usage: deltaUsage },
    },
    { event: "message_stop", data: { type: "message_stop" } },
  ];
}

export function sseFrame(e: SseEvent): string {
  return `event: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n`;
}
