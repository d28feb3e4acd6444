// A real HTTP server on 127.0.0.1 that answers like the Anthropic Messages API: auth, request
// validation, POST /v1/messages (scripted replies in order, then an optional fallback),
// POST /v1/messages/count_tokens, GET /v1/models. Every request is recorded for assertions.
import { MAX_BREAKPOINTS, PromptCache, breakpointCount, tooManyBreakpointsMessage, type CacheOptions } from "./cache.ts";
import { errorResponse } from "./faults.ts";
import { replyResponse } from "./reply-response.ts";
import { promptUnits } from "./tokens.ts";
import { bodyProblem, toolPairingProblem } from "./validate.ts";
import type { RecordedRequest, Reply, ReplySource } from "./types.ts";

export interface AnthropicServerOptions extends CacheOptions {
  /** Default 0: the OS picks a free port. */
  port?: number;
  /** When set, requests must carry it as `x-api-key` or `Authorization: Bearer`; else 401. */
  apiKey?: string;
  /** Used when nothing is enqueued. Without it such a request gets a 500 naming the problem. */
  respond?: (req: RecordedRequest) => Reply | Promise<Reply>;
  /** A prompt over this many tokens gets the API's 400 "prompt is too long". */
  contextWindow?: number;
  /** Reject a tool_use without its tool_result (and the reverse) as the API does. Default true. */
  checkToolPairs?: boolean;
  /** Models listed by GET /v1/models. */
  models?: string[];
}

export interface AnthropicServer {
  /** Base URL without a trailing slash: pass as `baseURL` or ANTHROPIC_BASE_URL. */
  readonly url: string;
  readonly port: number;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  /** Only the POST /v1/messages requests. */
  messageRequests(): RecordedRequest[];
  /** Resolves once `count` POST /v1/messages requests have arrived (all requests when `any`). */
  waitForRequests(count: number, opts?: { any?: boolean }): Promise<RecordedRequest[]>;
  /** Scripts the next replies to POST /v1/messages, used in order. */
  enqueue(...replies: ReplySource[]): void;
  /** Replies enqueued and not used yet. */
  readonly pending: number;
  readonly cache: PromptCache;
  /** Forgets queued replies, recorded requests and the prompt cache. */
  reset(): void;
  close(): Promise<void>;
}

function headersOf(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  req.headers.forEach((value, key) => (out[key.toLowerCase()] = value));
  return out;
}

function presentedKey(headers: Record<string, string>): string | undefined {
  if (headers["x-api-key"]) return headers["x-api-key"];
  const auth = headers["authorization"];
  return auth?.toLowerCase().startsWith("bearer ") ? auth.slice(7).trim() : undefined;
}

function modelList(ids: string[]) {
  const data = ids.map((id) => ({ type: "model", id, display_name: id, created_at: "2026-01-01T00:00:00Z" }));
  return { data, has_more: false, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null };
}

export async function startAnthropicServer(opts: AnthropicServerOptions = {}): Promise<AnthropicServer> {
  const cache = new PromptCache(opts);
  const requests: RecordedRequest[] = [];
  let queue: ReplySource[] = [];
  const waiters = new Set<() => void>();
  const isMessage = (r: RecordedRequest) => r.method === "POST" && r.path === "/v1/messages";

  async function nextReply(record: RecordedRequest): Promise<Reply> {
    const source = queue.shift() ?? opts.respond;
    if (!source) {
      return {
        kind: "http_error",
        status: 500,
        errorType: "api_error",
        message: `anthropic test server: nothing scripted for request #${record.index} (enqueue a reply or pass respond)`,
        headers: { "x-should-retry": "false" },
      };
    }
    return typeof source === "function" ? await source(record) : source;
  }

  async function handle(req: Request, record: RecordedRequest, finish: () => void): Promise<Response> {
    const answer = (kind: string, status: number, response: Response) => {
      record.replyKind = kind;
      record.status = status;
      finish();
      return response;
    };
    const fail = (kind: string, status: number, type: string, message: string) =>
      answer(kind, status, errorResponse(status, type, message));

    if (opts.apiKey !== undefined && presentedKey(record.headers) !== opts.apiKey) {
      return fail("auth", 401, "authentication_error", "invalid x-api-key");
    }
    const route = `${record.method} ${record.path}`;
    if (route === "GET /v1/models") return answer("models", 200, Response.json(modelList(opts.models ?? ["claude-test-1"])));
    if (route !== "POST /v1/messages" && route !== "POST /v1/messages/count_tokens") {
      return fail("not_found", 404, "not_found_error", `Not found: ${route}`);
    }
    const forCount = record.path.endsWith("/count_tokens");
    const problem = bodyProblem(record.body, forCount) ?? (opts.checkToolPairs === false ? null : toolPairingProblem(record.body.messages));
    if (problem) return fail("invalid", 400, "invalid_request_error", problem);
    const units = promptUnits(record.body);
    const breakpoints = breakpointCount(units);
    if (breakpoints > MAX_BREAKPOINTS) return fail("invalid", 400, "invalid_request_error", tooManyBreakpointsMessage(breakpoints));
    const inputTokens = units.reduce((sum, u) => sum + u.tokens, 0);
    if (forCount) return answer("count_tokens", 200, Response.json({ input_tokens: inputTokens }));
    if (opts.contextWindow !== undefined && inputTokens > opts.contextWindow) {
      const message = `prompt is too long: ${inputTokens} tokens > ${opts.contextWindow} maximum`;
      return fail("prompt_too_long", 400, "invalid_request_error", message);
    }
    const reply = await nextReply(record);
    return replyResponse(reply, { body: record.body, units, record, cache, signal: req.signal, finish });
  }

  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: opts.port ?? 0,
    idleTimeout: 0,
    async fetch(req) {
      const url = new URL(req.url);
      const text = await req.text();
      let body: any = null;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        body = null;
      }
      let finish!: () => void;
      const done = new Promise<void>((resolve) => (finish = resolve));
      const record: RecordedRequest = {
        index: requests.length,
        method: req.method,
        path: url.pathname,
        headers: headersOf(req),
        body,
        receivedAt: performance.timeOrigin + performance.now(),
        status: 0,
        replyKind: "",
        events: [],
        done,
        aborted: false,
      };
      requests.push(record);
      for (const wake of [...waiters]) wake();
      try {
        return await handle(req, record, finish);
      } catch (error) {
        record.status = 500;
        finish();
        return errorResponse(500, "api_error", `anthropic test server: ${(error as Error).message}`, { "x-should-retry": "false" });
      }
    },
  });

  const url = `http://127.0.0.1:${server.port}`;
  return {
    url,
    port: server.port as number,
    requests,
    messageRequests: () => requests.filter(isMessage),
    waitForRequests(count, waitOpts = {}) {
      const matching = () => (waitOpts.any ? [...requests] : requests.filter(isMessage));
      return new Promise((resolve) => {
        const check = () => {
          const found = matching();
          if (found.length < count) return;
          waiters.delete(check);
          resolve(found);
        };
        waiters.add(check);
        check();
      });
    },
    enqueue: (...replies) => void queue.push(...replies),
    get pending() {
      return queue.length;
    },
    cache,
    reset() {
      queue = [];
      requests.length = 0;
      cache.clear();
    },
    close: () => server.stop(true),
  };
}
