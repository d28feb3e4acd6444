// The scripted replies a test hands the fake Anthropic server, and what the server records.
// Plain TypeScript types: these never cross a process boundary except through cli.ts, which
// validates its script file before using it.

export type StopReason =
  | "end_turn"
  | "max_tokens"
  | "stop_sequence"
  | "tool_use"
  | "pause_turn"
  | "refusal"
  | "model_context_window_exceeded";

/** One block of the assistant's answer. Ids and signatures are generated when absent. */
export type ReplyBlock =
  | { type: "text"; text: string }
  | { type: "tool_use"; name: string; input: unknown; id?: string }
  | { type: "thinking"; thinking: string; signature?: string };

/** Something awaited before the final message_delta + message_stop are written. */
export type Hold = PromiseLike<unknown> | { promise: PromiseLike<unknown> };

/** A normal answer, streamed as SSE when the request says `stream: true`, else one JSON Message. */
export interface MessageReply {
  kind?: "message";
  /** A string is one text block. */
  content: string | ReplyBlock[];
  /** Default: "tool_use" when a tool_use block is present, else "end_turn". */
  stopReason?: StopReason;
  stopSequence?: string | null;
  /** Default: the request's model. */
  model?: string;
  /** Characters per text/thinking delta and per input_json_delta fragment (default 12). */
  chunkSize?: number;
  /** Sleep between SSE events, ms (default 0). */
  delayMs?: number;
  /** Sleep before the response starts (headers included), ms. */
  firstByteDelayMs?: number;
  /** A `ping` after every N events besides the one after message_start (default: none). */
  pingEvery?: number;
  /** Keep message_delta + message_stop back until this settles (non-streaming: the whole reply). */
  hold?: Hold;
  /** Move the hold: wait before event number N (0 = message_start) instead of before message_delta. */
  holdAfterEvents?: number;
  /** Wait for this before anything is written, headers included (e.g. to test a cancel while waiting). */
  startHold?: Hold;
  /** Override the estimated output token count. */
  outputTokens?: number;
  /** Extra response headers. */
  headers?: Record<string, string>;
}

/** An HTTP error response with the API's error body. */
export interface HttpErrorReply {
  kind: "http_error";
  status: number;
  errorType: string;
  message: string;
  headers?: Record<string, string>;
}

/** A 200 stream that sends `afterEvents` events of `reply`, then an `error` event, then ends. */
export interface StreamErrorReply {
  kind: "stream_error";
  afterEvents: number;
  errorType: string;
  message: string;
  reply?: MessageReply;
}

/** The socket closes after `afterEvents` events of `reply` (0: before any response at all). */
export interface DropReply {
  kind: "drop";
  afterEvents: number;
  reply?: MessageReply;
}

export type Reply = MessageReply | HttpErrorReply | StreamErrorReply | DropReply;

/** What enqueue() and respond take: a reply, or a function of the request that makes one. */
export type ReplySource = Reply | ((req: RecordedRequest) => Reply | Promise<Reply>);

export interface Usage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  cache_creation: { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number };
}

export interface WrittenEvent {
  /** SSE event name (message_start, ping, content_block_delta, error, …). */
  event: string;
  /** performance.timeOrigin + performance.now() when the event was handed to the socket. */
  at: number;
}

export interface RecordedRequest {
  /** 0-based position among all requests this server saw. */
  index: number;
  method: string;
  path: string;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** Parsed JSON body, or null when absent or not JSON. */
  body: any;
  receivedAt: number;
  /** HTTP status sent (0 when the connection was dropped before a response). */
  status: number;
  /** The kind of reply used, e.g. "message", "http_error", "auth", "invalid". */
  replyKind: string;
  /** Usage reported for a message reply. */
  usage?: Usage;
  /** Every SSE event written, in order. */
  events: WrittenEvent[];
  /** Settles when the response is fully written, dropped or abandoned by the client. */
  done: Promise<void>;
  /** True when the client went away before the response finished. */
  aborted: boolean;
}
