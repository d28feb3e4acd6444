// Error bodies and scripted fault replies, shaped like the API's: every error response is
// {"type":"error","error":{"type","message"},"request_id"} with a `request-id` header, and the
// status/type pairs follow the API's error table (400, 401, 404, 413, 429, 500, 529).
import { newRequestId } from "./protocol.ts";
import type { DropReply, HttpErrorReply, MessageReply, StreamErrorReply } from "./types.ts";

export function errorBody(errorType: string, message: string, requestId = newRequestId()) {
  return { type: "error", error: { type: errorType, message }, request_id: requestId };
}

export function errorResponse(status: number, errorType: string, message: string, headers: Record<string, string> = {}): Response {
  const requestId = newRequestId();
  return Response.json(errorBody(errorType, message, requestId), {
    status,
    headers: { "request-id": requestId, ...headers },
  });
}

/** Options every HTTP fault takes: `shouldRetry` sets the `x-should-retry` header the SDK obeys. */
export interface FaultOptions {
  message?: string;
  shouldRetry?: boolean;
  headers?: Record<string, string>;
}

function http(status: number, errorType: string, message: string, opts: FaultOptions): HttpErrorReply {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.shouldRetry !== undefined) headers["x-should-retry"] = String(opts.shouldRetry);
  return { kind: "http_error", status, errorType, message: opts.message ?? message, headers };
}

export const faults = {
  /** 429; `retryAfterS` → `retry-after`, `retryAfterMs` → `retry-after-ms`. */
  rateLimited(opts: FaultOptions & { retryAfterS?: number; retryAfterMs?: number } = {}): HttpErrorReply {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.retryAfterS !== undefined) headers["retry-after"] = String(opts.retryAfterS);
    if (opts.retryAfterMs !== undefined) headers["retry-after-ms"] = String(opts.retryAfterMs);
    return http(429, "rate_limit_error", "This request would exceed your organization's rate limit. Please try again later.", {
      ...opts,
      headers,
    });
  },
  overloaded: (opts: FaultOptions = {}) => http(529, "overloaded_error", "Overloaded", opts),
  apiError: (opts: FaultOptions = {}) => http(500, "api_error", "Internal server error", opts),
  requestTooLarge: (opts: FaultOptions = {}) =>
    http(413, "request_too_large", "Request exceeds the maximum allowed number of bytes.", opts),
  promptTooLong: (tokens: number, maximum: number, opts: FaultOptions = {}) =>
    http(400, "invalid_request_error", `prompt is too long: ${tokens} tokens > ${maximum} maximum`, opts),
  invalidRequest: (message: string, opts: FaultOptions = {}) => http(400, "invalid_request_error", message, opts),
  http: (status: number, errorType: string, message: string, opts: FaultOptions = {}) => http(status, errorType, message, opts),

  /** An `error` SSE event after `afterEvents` events of `reply` (default: an overloaded_error). */
  streamError(afterEvents: number, opts: { errorType?: string; message?: string; reply?: MessageReply } = {}): StreamErrorReply {
    return {
      kind: "stream_error",
      afterEvents,
      errorType: opts.errorType ?? "overloaded_error",
      message: opts.message ?? "Overloaded",
      ...(opts.reply ? { reply: opts.reply } : {}),
    };
  },
  /** The socket closes after `afterEvents` events (0: before any response is written). */
  drop(afterEvents: number, reply?: MessageReply): DropReply {
    return { kind: "drop", afterEvents, ...(reply ? { reply } : {}) };
  },
};

/** The HTTP status the API uses for an error type, for faults that must become a plain response. */
export function statusForErrorType(errorType: string): number {
  const table: Record<string, number> = {
    invalid_request_error: 400,
    authentication_error: 401,
    billing_error: 402,
    permission_error: 403,
    not_found_error: 404,
    request_too_large: 413,
    rate_limit_error: 429,
    api_error: 500,
    overloaded_error: 529,
  };
  return table[errorType] ?? 500;
}
