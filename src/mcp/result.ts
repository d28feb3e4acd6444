// An MCP tools/call result as the model sees it: text stays text, images become image
// blocks, embedded resources become text, and the whole is capped like the built-in
// tools' output (first and last part kept, the middle counted), so one chatty server
// cannot fill the context window.
import { keepHeadAndTail, type ModelContent, type ToolResult } from "../tools/index.ts";

/** About 25k tokens, as Claude Code's MAX_MCP_OUTPUT_TOKENS default; the env var overrides. */
export const DEFAULT_MAX_OUTPUT_CHARS = 100_000;

const API_IMAGE_TYPES = new Set(["image/jpeg", "image/png", "image/gif", "image/webp"]);

type Block = Exclude<ModelContent, string>[number];

/** The parts of CallToolResult we read; everything else a server sends is ignored. */
export interface McpCallResult {
  content?: unknown[];
  structuredContent?: unknown;
  isError?: boolean;
  toolResult?: unknown;
}

export function toToolResult(result: McpCallResult, maxChars = DEFAULT_MAX_OUTPUT_CHARS): ToolResult {
  const blocks: Block[] = (result.content ?? []).flatMap(toBlocks);
  // Older servers answer with `toolResult`; newer ones may give only structuredContent.
  if (blocks.length === 0 && result.structuredContent !== undefined) blocks.push({ type: "text", text: JSON.stringify(result.structuredContent) });
  if (blocks.length === 0 && result.toolResult !== undefined) blocks.push({ type: "text", text: JSON.stringify(result.toolResult) });
  const capped = cap(blocks, maxChars);
  const forModel: ModelContent = capped.every((b) => b.type === "text") ? capped.map((b) => (b as { text: string }).text).join("\n") : capped;
  return {
    forModel: forModel === "" ? "(no output)" : forModel,
    forDisplay: { mcp: true, blocks: capped.map((b) => (b.type === "text" ? b.text : `[image ${b.source.media_type}]`)) },
    ...(result.isError ? { isError: true } : {}),
  };
}

function toBlocks(c: unknown): Block[] {
  const b = (c ?? {}) as Record<string, unknown>;
  const str = (k: string) => (typeof b[k] === "string" ? (b[k] as string) : undefined);
  switch (b.type) {
    case "text":
      return [{ type: "text", text: str("text") ?? "" }];
    case "image": {
      const mime = str("mimeType") ?? "";
      const data = str("data") ?? "";
      if (API_IMAGE_TYPES.has(mime)) return [{ type: "image", source: { type: "base64", media_type: mime, data } }];
      return [{ type: "text", text: `[image of type ${mime || "unknown"} (${approxBytes(data)} bytes) not shown: the model accepts jpeg, png, gif and webp]` }];
    }
    case "audio":
      return [{ type: "text", text: `[audio of type ${str("mimeType") ?? "unknown"} (${approxBytes(str("data") ?? "")} bytes) not shown]` }];
    case "resource": {
      const r = (b.resource ?? {}) as Record<string, unknown>;
      const head = `[resource ${String(r.uri ?? "")}${r.mimeType ? ` (${String(r.mimeType)})` : ""}]`;
      if (typeof r.text === "string") return [{ type: "text", text: `${head}\n${r.text}` }];
      if (typeof r.blob === "string") return [{ type: "text", text: `${head} binary, ${approxBytes(r.blob)} bytes, not shown` }];
      return [{ type: "text", text: head }];
    }
    case "resource_link":
      return [{ type: "text", text: `[resource link ${str("uri") ?? ""}${str("name") ? ` "${str("name")}"` : ""}${str("description") ? `: ${str("description")}` : ""}]` }];
    default:
      return [{ type: "text", text: JSON.stringify(c) }];
  }
}

const approxBytes = (base64: string) => Math.floor((base64.length * 3) / 4);

/** Keeps text within maxChars (head and tail, the middle counted); images count by their base64 size. */
function cap(blocks: Block[], maxChars: number): Block[] {
  const size = (b: Block) => (b.type === "text" ? b.text.length : b.source.data.length);
  const total = blocks.reduce((n, b) => n + size(b), 0);
  if (total <= maxChars) return blocks;
  // Images are all-or-nothing: drop those that do not fit, then cut the text.
  let budget = maxChars;
  const kept: Block[] = [];
  for (const b of blocks) {
    if (b.type === "image") {
      if (size(b) <= budget / 2) {
        kept.push(b);
        budget -= size(b);
      } else kept.push({ type: "text", text: `[image ${b.source.media_type} of ${approxBytes(b.source.data)} bytes dropped: output too large]` });
    } else kept.push(b);
  }
  const textTotal = kept.reduce((n, b) => n + (b.type === "text" ? b.text.length : 0), 0);
  if (textTotal <= budget) return kept;
  const joined = kept.filter((b) => b.type === "text").map((b) => (b as { text: string }).text).join("\n");
  return [{ type: "text", text: keepHeadAndTail(joined, budget, "MCP tool output") }, ...kept.filter((b) => b.type === "image")];
}
