// The transcript's line format: one JSON object per line, each a record kind. Zod
// validates on load (the file crosses a boundary: disk, other versions, a crash).
import { z } from "zod";

const Usage = z.object({
  input_tokens: z.number(),
  output_tokens: z.number(),
  cache_creation_input_tokens: z.number(),
  cache_read_input_tokens: z.number(),
});

const Message = z.object({ role: z.enum(["user", "assistant"]), content: z.union([z.string(), z.array(z.looseObject({ type: z.string() }))]) });

export const TranscriptRecord = z.discriminatedUnion("type", [
  z.object({ type: z.literal("session"), v: z.literal(1), id: z.string(), cwd: z.string(), model: z.string(), ts: z.string(), version: z.string() }),
  z.object({ type: z.literal("resume"), ts: z.string(), model: z.string() }),
  z.object({ type: z.literal("message"), ts: z.string(), turn: z.number(), message: Message }),
  z.object({ type: z.literal("turn_end"), ts: z.string(), turn: z.number(), stopReason: z.string().nullable(), usage: Usage, model: z.string() }),
  z.object({ type: z.literal("tool_result"), ts: z.string(), turn: z.number(), id: z.string(), name: z.string(), isError: z.boolean(), durationMs: z.number() }),
  z.object({ type: z.literal("permission"), ts: z.string(), turn: z.number(), name: z.string(), decision: z.enum(["allow", "deny"]), reason: z.string().optional() }),
  z.object({ type: z.literal("error"), ts: z.string(), turn: z.number(), kind: z.string(), message: z.string() }),
  z.object({ type: z.literal("interrupted"), ts: z.string(), turn: z.number(), during: z.string() }),
  z.object({
    type: z.literal("result"),
    ts: z.string(),
    stop: z.string(),
    numTurns: z.number(),
    durationMs: z.number(),
    usage: Usage,
    costUsd: z.number(),
    error: z.string().optional(),
  }),
]);
export type TranscriptRecord = z.infer<typeof TranscriptRecord>;
