// cache_control placement in the message history: one rolling breakpoint on the last
// block that can carry one, older breakpoints already in the history kept (newest first)
// only while the request stays within the API's limit of four. Input is never mutated;
// only the messages whose blocks change are copied, so a long history costs little.
import type { CacheControlEphemeral, ContentBlockParam, MessageParam } from "@anthropic-ai/sdk/resources/messages";
import type { CacheTtl } from "./section.ts";

export const MAX_BREAKPOINTS = 4;

type Block = ContentBlockParam;
type Marked = { cache_control?: CacheControlEphemeral | null };

const ROLLING: CacheControlEphemeral = Object.freeze({ type: "ephemeral" }) as CacheControlEphemeral;

/** Thinking blocks cannot carry cache_control, and the API refuses it on empty text. */
export function canCarryBreakpoint(b: Block): boolean {
  if (b.type === "thinking" || b.type === "redacted_thinking") return false;
  if (b.type === "text" && b.text === "") return false;
  return true;
}

const hasMark = (b: Block) => (b as Marked).cache_control != null;

export interface MessageBreakpoints {
  messages: MessageParam[];
  /** Breakpoints in the output messages (rolling + kept). */
  count: number;
  /** Where the rolling breakpoint went, or null when no block could carry one. */
  rolling: { message: number; block: number } | null;
  /** Pre-existing breakpoints removed to respect the limit. */
  stripped: number;
}

/**
 * @param reserved breakpoints already used before the messages (tools + system).
 * @param prefixTtl ttl of the last of those, for the rule that 1h entries precede 5m ones.
 */
export function placeMessageBreakpoints(
  messages: readonly MessageParam[],
  reserved: number,
  prefixTtl: CacheTtl | null,
): MessageBreakpoints {
  const target = findTarget(messages);
  // Existing marks, oldest first, excluding the target block (the rolling mark replaces it).
  const existing: Array<{ m: number; b: number }> = [];
  for (let m = 0; m < messages.length; m++) {
    const content = (messages[m] as MessageParam).content;
    if (typeof content === "string") continue;
    for (let b = 0; b < content.length; b++) {
      if (hasMark(content[b] as Block) && !(target && target.message === m && target.block === b)) existing.push({ m, b });
    }
  }
  const allowance = Math.max(0, MAX_BREAKPOINTS - reserved - (target ? 1 : 0));
  const strip = existing.slice(0, Math.max(0, existing.length - allowance));
  const kept = existing.slice(strip.length);

  // Per message: block index → new cache_control (null = remove). Built only where something changes.
  const edits = new Map<number, Map<number, CacheControlEphemeral | null>>();
  const edit = (m: number, b: number, cc: CacheControlEphemeral | null) => {
    let e = edits.get(m);
    if (!e) edits.set(m, (e = new Map()));
    e.set(b, cc);
  };
  for (const p of strip) edit(p.m, p.b, null);
  let seen5m = prefixTtl === "5m";
  for (const p of kept) {
    const cc = ((messages[p.m] as MessageParam).content as Block[])[p.b] as Marked;
    if (cc.cache_control?.ttl === "1h") {
      if (seen5m) edit(p.m, p.b, ROLLING); // a 1h entry after a 5m one is refused by the API
    } else seen5m = true;
  }
  if (target) edit(target.message, target.block, ROLLING);

  const out = messages.slice();
  for (const [m, blocks] of edits) out[m] = rewrite(messages[m] as MessageParam, blocks);
  return { messages: out, count: kept.length + (target ? 1 : 0), rolling: target, stripped: strip.length };
}

/** Last block (walking back from the end) that can carry a breakpoint. A string content counts as block 0. */
function findTarget(messages: readonly MessageParam[]): { message: number; block: number } | null {
  for (let m = messages.length - 1; m >= 0; m--) {
    const content = (messages[m] as MessageParam).content;
    if (typeof content === "string") {
      if (content !== "") return { message: m, block: 0 };
      continue;
    }
    for (let b = content.length - 1; b >= 0; b--) if (canCarryBreakpoint(content[b] as Block)) return { message: m, block: b };
  }
  return null;
}

function rewrite(msg: MessageParam, blocks: Map<number, CacheControlEphemeral | null>): MessageParam {
  const content: Block[] =
    typeof msg.content === "string" ? [{ type: "text", text: msg.content }] : (msg.content as Block[]).slice();
  for (const [b, cc] of blocks) {
    const block = { ...(content[b] as Block) } as Block & Marked;
    if (cc) block.cache_control = cc;
    else delete block.cache_control;
    content[b] = block;
  }
  return { ...msg, content } as MessageParam;
}

/** Counts cache_control marks anywhere in a request: tools, system blocks, message blocks. */
export function countBreakpoints(req: {
  tools?: readonly object[];
  system?: string | readonly object[];
  messages: readonly MessageParam[];
}): number {
  let n = 0;
  for (const t of req.tools ?? []) if ((t as Marked).cache_control != null) n++;
  if (Array.isArray(req.system)) for (const s of req.system) if ((s as Marked).cache_control != null) n++;
  for (const m of req.messages) {
    if (typeof m.content === "string") continue;
    for (const b of m.content) if (hasMark(b as Block)) n++;
  }
  return n;
}
