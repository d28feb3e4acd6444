// One streaming Messages call, folded as it arrives: text and thinking deltas pass
// through, each content block is handed over whole at its content_block_stop (so a
// tool can start while the model is still writing), and the final message closes it.
import type Anthropic from "@anthropic-ai/sdk";
import type {
  ContentBlock,
  MessageCreateParamsStreaming,
  RawMessageStreamEvent,
  StopReason,
} from "@anthropic-ai/sdk/resources/messages";
import { addUsage, emptyUsage, type TokenUsage } from "./usage.ts";

export type RequestParams = Omit<MessageCreateParamsStreaming, "stream">;

/** A tool call as the model wrote it; `inputError` when its JSON did not parse. */
export interface ToolCall {
  id: string;
  name: string;
  input: unknown;
  inputError?: string;
}

export interface FinalMessage {
  id: string;
  model: string;
  content: ContentBlock[];
  stopReason: StopReason | null;
  usage: TokenUsage;
}

export type StreamEvent =
  | { type: "text_delta"; index: number; text: string }
  | { type: "thinking_delta"; index: number; thinking: string }
  | { type: "block_done"; index: number; block: ContentBlock; toolCall?: ToolCall }
  | { type: "message_done"; message: FinalMessage };

/** Anything that turns params into the SDK's raw event stream (the SDK client, in production). */
export interface MessageSource {
  stream(params: RequestParams, signal: AbortSignal): Promise<AsyncIterable<RawMessageStreamEvent>>;
}

export function sdkSource(client: Anthropic): MessageSource {
  return {
    stream: (params, signal) => client.messages.create({ ...params, stream: true }, { signal }),
  };
}

interface Open {
  block: ContentBlock;
  json: string;
}

export async function* streamMessage(source: MessageSource, params: RequestParams, signal: AbortSignal): AsyncGenerator<StreamEvent> {
  const events = await source.stream(params, signal);
  const open = new Map<number, Open>();
  const content: ContentBlock[] = [];
  let id = "";
  let model = params.model;
  let stopReason: StopReason | null = null;
  let usage = emptyUsage();
  let stopped = false;

  for await (const ev of events) {
    switch (ev.type) {
      case "message_start":
        id = ev.message.id;
        model = ev.message.model;
        usage = addUsage(usage, ev.message.usage);
        break;
      case "content_block_start":
        // Copy: the SDK may reuse the object, and tool_use input arrives as deltas.
        open.set(ev.index, { block: structuredClone(ev.content_block) as ContentBlock, json: "" });
        break;
      case "content_block_delta": {
        const o = open.get(ev.index);
        if (!o) break;
        const d = ev.delta;
        if (d.type === "text_delta" && o.block.type === "text") {
          o.block.text += d.text;
          yield { type: "text_delta", index: ev.index, text: d.text };
        } else if (d.type === "thinking_delta" && o.block.type === "thinking") {
          o.block.thinking += d.thinking;
          yield { type: "thinking_delta", index: ev.index, thinking: d.thinking };
        } else if (d.type === "signature_delta" && o.block.type === "thinking") {
          o.block.signature = (o.block.signature ?? "") + d.signature;
        } else if (d.type === "input_json_delta") {
          o.json += d.partial_json;
        }
        break;
      }
      case "content_block_stop": {
        const o = open.get(ev.index);
        if (!o) break;
        open.delete(ev.index);
        const done = finishBlock(o);
        content[ev.index] = done.block;
        yield { type: "block_done", index: ev.index, block: done.block, ...(done.toolCall ? { toolCall: done.toolCall } : {}) };
        break;
      }
      case "message_delta":
        stopReason = ev.delta.stop_reason ?? stopReason;
        usage = mergeDeltaUsage(usage, ev.usage);
        break;
      case "message_stop":
        stopped = true;
        break;
    }
  }
  if (!stopped) throw new StreamCutError("the model's stream ended before message_stop");
  yield {
    type: "message_done",
    message: { id, model, content: content.filter(Boolean), stopReason, usage },
  };
}

export class StreamCutError extends Error {}

function finishBlock(o: Open): { block: ContentBlock; toolCall?: ToolCall } {
  const b = o.block;
  if (b.type !== "tool_use") return { block: b };
  let input: unknown = {};
  let inputError: string | undefined;
  if (o.json.trim() !== "") {
    try {
      input = JSON.parse(o.json);
    } catch (e) {
      inputError = `the tool input was not valid JSON (${(e as Error).message})`;
    }
  } else if (b.input && typeof b.input === "object") {
    input = b.input;
  }
  // The API accepts only an object as tool_use.input when the history is sent back.
  const safe = input && typeof input === "object" && !Array.isArray(input) ? input : {};
  const block = { ...b, input: safe } as ContentBlock;
  return { block, toolCall: { id: b.id, name: b.name, input, ...(inputError ? { inputError } : {}) } };
}

/** message_delta usage is cumulative: a present field replaces the start value. */
function mergeDeltaUsage(u: TokenUsage, d: { input_tokens?: number | null; output_tokens?: number | null; cache_creation_input_tokens?: number | null; cache_read_input_tokens?: number | null }): TokenUsage {
  return {
    input_tokens: d.input_tokens ?? u.input_tokens,
    output_tokens: d.output_tokens ?? u.output_tokens,
    cache_creation_input_tokens: d.cache_creation_input_tokens ?? u.cache_creation_input_tokens,
    cache_read_input_tokens: d.cache_read_input_tokens ?? u.cache_read_input_tokens,
  };
}
