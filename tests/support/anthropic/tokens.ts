// The fake server's deterministic token estimate, so tests can compute expected usage exactly.
// A request's prompt is a list of units in the API's prefix order: each tool, each system block,
// each message content block. A unit's tokens = ceil(UTF-8 bytes of its canonical text / 4), where
// the canonical text is JSON with sorted keys and `cache_control` removed (a message block is
// prefixed by its role and a space). A prompt's tokens are the sum over its units.
import type { ReplyBlock } from "./types.ts";

export type Ttl = "5m" | "1h";

export interface PromptUnit {
  section: "tools" | "system" | "messages";
  /** Canonical text: what is counted and what the cache hashes. */
  text: string;
  tokens: number;
  /** Set when this unit carries a cache_control breakpoint. */
  breakpoint?: Ttl;
}

const encoder = new TextEncoder();

export function estimateTokens(text: string): number {
  return Math.ceil(encoder.encode(text).length / 4);
}

/** JSON.stringify with object keys sorted at every depth, so equal values give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
  return out;
}

function withoutCacheControl(block: unknown): unknown {
  if (block === null || typeof block !== "object" || Array.isArray(block)) return block;
  const { cache_control: _drop, ...rest } = block as Record<string, unknown>;
  return rest;
}

function ttlOf(block: unknown): Ttl | undefined {
  if (block === null || typeof block !== "object") return undefined;
  const cc = (block as { cache_control?: { ttl?: string } | null }).cache_control;
  if (!cc) return undefined;
  return cc.ttl === "1h" ? "1h" : "5m";
}

function unit(section: PromptUnit["section"], block: unknown, prefix = ""): PromptUnit {
  const text = prefix + canonicalJson(withoutCacheControl(block));
  const u: PromptUnit = { section, text, tokens: estimateTokens(text) };
  const ttl = ttlOf(block);
  if (ttl) u.breakpoint = ttl;
  return u;
}

function asBlocks(content: unknown): unknown[] {
  if (typeof content === "string") return [{ type: "text", text: content }];
  return Array.isArray(content) ? content : [];
}

/** The request's prompt as units: tools, then system, then messages. */
export function promptUnits(body: any): PromptUnit[] {
  const units: PromptUnit[] = [];
  for (const tool of Array.isArray(body?.tools) ? body.tools : []) units.push(unit("tools", tool));
  if (body?.system !== undefined) for (const block of asBlocks(body.system)) units.push(unit("system", block));
  for (const message of Array.isArray(body?.messages) ? body.messages : []) {
    for (const block of asBlocks(message?.content)) units.push(unit("messages", block, `${message?.role} `));
  }
  // Top-level cache_control (automatic caching) puts a breakpoint on the last unit.
  const last = units.at(-1);
  if (last && body?.cache_control && !last.breakpoint) last.breakpoint = ttlOf(body) ?? "5m";
  return units;
}

export function countInputTokens(body: unknown): number {
  return promptUnits(body).reduce((sum, u) => sum + u.tokens, 0);
}

/** What a block costs to generate: its text, its thinking, or its tool name + JSON input. */
export function blockOutputTokens(block: ReplyBlock): number {
  if (block.type === "text") return estimateTokens(block.text);
  if (block.type === "thinking") return estimateTokens(block.thinking);
  return estimateTokens(block.name + JSON.stringify(block.input ?? {}));
}

/** At least 1, as the API never reports 0 output tokens for a finished message. */
export function estimateOutputTokens(blocks: readonly ReplyBlock[]): number {
  return Math.max(1, blocks.reduce((sum, b) => sum + blockOutputTokens(b), 0));
}
