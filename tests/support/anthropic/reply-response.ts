// Turns one scripted Reply into the HTTP response for a POST /v1/messages: a JSON Message, an SSE
// stream (with delays, pings, a hold before the message ends, an error event or a dropped socket
// part-way), or an error response. Records usage and every SSE event written on the request.
import type { PromptCache } from "./cache.ts";
import { errorBody, errorResponse, statusForErrorType } from "./faults.ts";
import {
  defaultStopReason,
  fitToMaxTokens,
  fullBlocks,
  messageEvents,
  messageJson,
  newMessageId,
  newRequestId,
  sseFrame,
  type MessageShape,
  type SseEvent,
} from "./protocol.ts";
import { estimateOutputTokens, type PromptUnit } from "./tokens.ts";
import type { Hold, MessageReply, RecordedRequest, Reply } from "./types.ts";

export interface ReplyContext {
  body: any;
  units: PromptUnit[];
  record: RecordedRequest;
  cache: PromptCache;
  signal: AbortSignal;
  /** Settles record.done. */
  finish: () => void;
}

const encoder = new TextEncoder();
// Bun discards bytes still queued in a stream that errors; let them reach the socket first.
const FLUSH_BEFORE_DROP_MS = 10;

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => (ms > 0 ? Bun.sleep(ms) : Promise.resolve());
const holdPromise = (h: Hold): PromiseLike<unknown> => ("promise" in h ? h.promise : h);
const abortOf = (signal: AbortSignal) =>
  new Promise<void>((resolve) => (signal.aborted ? resolve() : signal.addEventListener("abort", () => resolve(), { once: true })));

function buildMessage(reply: MessageReply, ctx: ReplyContext): MessageShape {
  const maxTokens = typeof ctx.body.max_tokens === "number" ? ctx.body.max_tokens : Number.POSITIVE_INFINITY;
  const { blocks, truncated } = fitToMaxTokens(fullBlocks(reply), maxTokens);
  const stopReason = truncated ? "max_tokens" : (reply.stopReason ?? defaultStopReason(blocks));
  const usage = {
    ...ctx.cache.account(String(ctx.body.model), ctx.units),
    output_tokens: reply.outputTokens ?? estimateOutputTokens(blocks),
  };
  ctx.record.usage = usage;
  return {
    id: newMessageId(),
    model: reply.model ?? String(ctx.body.model),
    blocks,
    stopReason,
    stopSequence: reply.stopSequence ?? null,
    usage,
  };
}

/** A response whose socket closes before any byte of it is written. */
function dropNow(ctx: ReplyContext): Response {
  ctx.record.status = 0;
  ctx.finish();
  return new Response(new ReadableStream({ start: (c) => c.error(undefined) }));
}

interface StreamPlan {
  delayMs: number;
  hold?: Hold;
  /** Index of the event the hold is awaited before; default the message_delta. */
  holdAt?: number;
  /** Write only this many events, then end as `ending` says. */
  cut?: number;
  ending?: "drop" | { errorType: string; message: string };
  headers?: Record<string, string>;
}

function sseResponse(events: SseEvent[], ctx: ReplyContext, plan: StreamPlan): Response {
  let gone = false;
  const goneSignal = abortOf(ctx.signal);
  const markGone = () => {
    if (gone) return;
    gone = true;
    ctx.record.aborted = true;
    ctx.finish();
  };
  ctx.signal.addEventListener("abort", markGone, { once: true });

  const write = (c: ReadableStreamDefaultController<Uint8Array>, e: SseEvent) => {
    c.enqueue(encoder.encode(sseFrame(e)));
    ctx.record.events.push({ event: e.event, at: now() });
  };

  const pump = async (c: ReadableStreamDefaultController<Uint8Array>) => {
    const limit = Math.min(plan.cut ?? events.length, events.length);
    for (let i = 0; i < limit && !gone; i++) {
      const e = events[i]!;
      const holdHere = plan.holdAt !== undefined ? i === plan.holdAt : e.event === "message_delta";
      if (holdHere && plan.hold) await Promise.race([holdPromise(plan.hold), goneSignal]);
      if (i > 0) await sleep(plan.delayMs);
      if (gone) return;
      write(c, e);
    }
    if (gone) return;
    if (plan.ending === "drop") {
      await sleep(FLUSH_BEFORE_DROP_MS);
      c.error(undefined);
    } else {
      if (plan.ending) write(c, { event: "error", data: errorBody(plan.ending.errorType, plan.ending.message) });
      c.close();
    }
    gone = true;
    ctx.finish();
  };

  const body = new ReadableStream<Uint8Array>({
    start(c) {
      void pump(c).catch(() => markGone());
    },
    cancel: markGone,
  });
  ctx.record.status = 200;
  return new Response(body, {
    status: 200,
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache",
      "request-id": newRequestId(),
      ...plan.headers,
    },
  });
}

function plainError(ctx: ReplyContext, status: number, errorType: string, message: string, headers?: Record<string, string>) {
  ctx.record.status = status;
  ctx.finish();
  return errorResponse(status, errorType, message, headers);
}

export async function replyResponse(reply: Reply, ctx: ReplyContext): Promise<Response> {
  const streaming = ctx.body.stream === true;
  ctx.record.replyKind = reply.kind ?? "message";
  switch (reply.kind) {
    case "http_error":
      return plainError(ctx, reply.status, reply.errorType, reply.message, reply.headers);
    case "stream_error": {
      if (!streaming) return plainError(ctx, statusForErrorType(reply.errorType), reply.errorType, reply.message);
      const inner = reply.reply ?? { content: "" };
      const events = messageEvents(buildMessage(inner, ctx), inner);
      const ending = { errorType: reply.errorType, message: reply.message };
      return sseResponse(events, ctx, { delayMs: inner.delayMs ?? 0, cut: reply.afterEvents, ending });
    }
    case "drop": {
      if (!streaming || reply.afterEvents <= 0) return dropNow(ctx);
      const inner = reply.reply ?? { content: "" };
      const events = messageEvents(buildMessage(inner, ctx), inner);
      return sseResponse(events, ctx, { delayMs: inner.delayMs ?? 0, cut: reply.afterEvents, ending: "drop" });
    }
    default: {
      const message = buildMessage(reply, ctx);
      if (reply.startHold) await Promise.race([holdPromise(reply.startHold), abortOf(ctx.signal)]);
      if (ctx.signal.aborted) {
        ctx.record.aborted = true;
        return dropNow(ctx);
      }
      await sleep(reply.firstByteDelayMs ?? 0);
      if (!streaming) {
        if (reply.hold) await Promise.race([holdPromise(reply.hold), abortOf(ctx.signal)]);
        ctx.record.status = 200;
        ctx.finish();
        return Response.json(messageJson(message), { headers: { "request-id": newRequestId(), ...reply.headers } });
      }
      return sseResponse(messageEvents(message, reply), ctx, {
        delayMs: reply.delayMs ?? 0,
        ...(reply.hold ? { hold: reply.hold } : {}),
        ...(reply.holdAfterEvents !== undefined ? { holdAt: reply.holdAfterEvents } : {}),
        ...(reply.headers ? { headers: reply.headers } : {}),
      });
    }
  }
}
