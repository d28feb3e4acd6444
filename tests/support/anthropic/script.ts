// The JSON script the standalone CLI serves: replies used in order, then a fallback. A script is
// either an array of replies (fallback: echo the last user text) or {replies, fallback}, where
// fallback is "echo", "error" (a 500 naming the problem) or one reply used for every request.
// Holds are code-only (a promise), so JSON replies cannot carry one.
import { z } from "zod";
import { echo } from "./replies.ts";
import type { RecordedRequest, Reply } from "./types.ts";

const StopReason = z.enum([
  "end_turn",
  "max_tokens",
  "stop_sequence",
  "tool_use",
  "pause_turn",
  "refusal",
  "model_context_window_exceeded",
]);

const Block = z.discriminatedUnion("type", [
  z.object({ type: z.literal("text"), text: z.string() }),
  z.object({ type: z.literal("tool_use"), name: z.string(), input: z.unknown(), id: z.string().optional() }),
  z.object({ type: z.literal("thinking"), thinking: z.string(), signature: z.string().optional() }),
]);

const Message = z.strictObject({
  kind: z.literal("message").optional(),
  content: z.union([z.string(), z.array(Block)]),
  stopReason: StopReason.optional(),
  stopSequence: z.string().nullable().optional(),
  model: z.string().optional(),
  chunkSize: z.int().positive().optional(),
  delayMs: z.number().nonnegative().optional(),
  firstByteDelayMs: z.number().nonnegative().optional(),
  pingEvery: z.int().positive().optional(),
  outputTokens: z.int().nonnegative().optional(),
  headers: z.record(z.string(), z.string()).optional(),
});

const HttpError = z.strictObject({
  kind: z.literal("http_error"),
  status: z.int().min(400).max(599),
  errorType: z.string(),
  message: z.string(),
  headers: z.record(z.string(), z.string()).optional(),
});
const StreamError = z.strictObject({
  kind: z.literal("stream_error"),
  afterEvents: z.int().nonnegative(),
  errorType: z.string(),
  message: z.string(),
  reply: Message.optional(),
});
const Drop = z.strictObject({ kind: z.literal("drop"), afterEvents: z.int().nonnegative(), reply: Message.optional() });

// Chosen by `kind` first, so an error names the field of the reply kind meant, not "Invalid input".
const byKind: Record<string, z.ZodType> = { message: Message, http_error: HttpError, stream_error: StreamError, drop: Drop };
const ScriptReply = z.custom<z.infer<typeof Message> | z.infer<typeof HttpError> | z.infer<typeof StreamError> | z.infer<typeof Drop>>()
  .superRefine((value, ctx) => {
    const kind = (value as { kind?: unknown } | null)?.kind ?? "message";
    const schema = typeof kind === "string" ? byKind[kind] : undefined;
    if (!schema) {
      ctx.addIssue({ code: "custom", path: ["kind"], message: `unknown reply kind ${JSON.stringify(kind)} (message, http_error, stream_error, drop)` });
      return;
    }
    for (const issue of schema.safeParse(value).error?.issues ?? []) {
      ctx.addIssue({ code: "custom", path: issue.path as PropertyKey[], message: issue.message });
    }
  });

const ScriptArray = z.array(ScriptReply);
const ScriptObject = z.strictObject({
  replies: z.array(ScriptReply).default([]),
  fallback: z.union([z.literal("echo"), z.literal("error"), ScriptReply]).default("echo"),
});

export interface LoadedScript {
  replies: Reply[];
  respond?: (req: RecordedRequest) => Reply;
}

/** Parses script JSON text; throws an Error naming the file and the first bad field. */
export function loadScript(jsonText: string, source: string): LoadedScript {
  let raw: unknown;
  try {
    raw = JSON.parse(jsonText);
  } catch (error) {
    throw new Error(`${source}: not valid JSON (${(error as Error).message})`);
  }
  const parsed = Array.isArray(raw) ? ScriptArray.safeParse(raw) : ScriptObject.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${source}: ${issue.path.join(".") || "(root)"}: ${issue.message}`);
  }
  const script = Array.isArray(parsed.data) ? { replies: parsed.data, fallback: "echo" as const } : parsed.data;
  const replies = script.replies as Reply[];
  if (script.fallback === "echo") return { replies, respond: echo };
  if (script.fallback === "error") return { replies };
  const fixed = script.fallback as Reply;
  return { replies, respond: () => fixed };
}
