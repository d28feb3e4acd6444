// Recovery layers 1 and 2: a failed call is retried before any of its stream has been
// read, so nothing shown, recorded or started can be duplicated. Layer 1: transient
// failures (connection, 408, 409, 429, 5xx) back off exponentially with jitter, honouring
// retry-after-ms, retry-after and x-should-retry. Layer 2: 529 overloaded has its own
// counter and gives up (to a fallback, once that layer exists) after N in a row.
import type { RawMessageStreamEvent } from "@anthropic-ai/sdk/resources/messages";
import { describeModelError, type ModelErrorInfo } from "./errors.ts";
import type { MessageSource, RequestParams } from "./stream.ts";

export interface RetryPolicy {
  /** Transient failures retried per call. */
  maxRetries: number;
  /** Consecutive 529s tolerated per call. */
  maxOverloaded: number;
  /**
   * Connection failures retried per call: few, because an endpoint that refuses
   * connections is usually misconfigured and the person should hear so quickly.
   */
  maxConnectionRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Layer 6: when 529s run out, switch to this model for the rest of the run. */
  fallbackModel?: string;
  /** Layer 7 (unattended runs): stop retrying once this long has passed since the first failure. */
  giveUpAfterMs?: number;
  /** 0..1; tests pass a constant. */
  random: () => number;
  now: () => number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxRetries: 8, maxOverloaded: 6, maxConnectionRetries: 2, baseDelayMs: 500, maxDelayMs: 32_000, random: Math.random, now: Date.now };

/** Layer 7: nobody is watching, so keep trying — backoff capped at 5 minutes, for up to 6 hours. */
export const UNATTENDED_RETRY: Partial<RetryPolicy> = {
  maxRetries: Number.POSITIVE_INFINITY,
  maxOverloaded: Number.POSITIVE_INFINITY,
  maxConnectionRetries: Number.POSITIVE_INFINITY,
  maxDelayMs: 5 * 60_000,
  giveUpAfterMs: 6 * 60 * 60_000,
};

export interface RetryNotice {
  attempt: number;
  reason: string;
  delayMs: number;
  /** Set when this retry switches model (layer 6). */
  fallbackModel?: string;
}

type Headers = { get(name: string): string | null } | undefined;

/** What the server asked for: a delay in ms, "never retry", or nothing. */
export function serverAdvice(headers: Headers, now = Date.now()): { delayMs?: number; retry?: boolean } {
  const out: { delayMs?: number; retry?: boolean } = {};
  const should = headers?.get("x-should-retry");
  if (should === "true") out.retry = true;
  if (should === "false") out.retry = false;
  const rawMs = headers?.get("retry-after-ms");
  const ms = rawMs == null ? Number.NaN : Number(rawMs);
  if (Number.isFinite(ms) && ms >= 0) return { ...out, delayMs: ms };
  const after = headers?.get("retry-after");
  if (after) {
    const s = Number(after);
    if (Number.isFinite(s)) return { ...out, delayMs: s * 1000 };
    const at = Date.parse(after);
    if (!Number.isNaN(at)) return { ...out, delayMs: Math.max(0, at - now) };
  }
  return out;
}

/** The delay before the next try, or undefined to give up. Pure over its inputs. */
export function nextDelay(info: ModelErrorInfo, headers: Headers, tries: { transient: number; overloaded: number }, p: RetryPolicy): number | undefined {
  const advice = serverAdvice(headers);
  if (advice.retry === false) return undefined;
  const overloaded = info.kind === "overloaded";
  const limit = overloaded ? p.maxOverloaded : info.kind === "connection" ? p.maxConnectionRetries : p.maxRetries;
  if ((overloaded ? tries.overloaded : tries.transient) >= limit) return undefined;
  if (!info.retryable && advice.retry !== true) return undefined;
  if (advice.delayMs !== undefined) return Math.min(advice.delayMs, p.maxDelayMs);
  const n = overloaded ? tries.overloaded : tries.transient;
  const exp = Math.min(p.maxDelayMs, p.baseDelayMs * 2 ** n);
  return Math.round(exp * (0.75 + 0.25 * p.random()));
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const t = setTimeout(() => (signal.removeEventListener("abort", onAbort), resolve()), ms);
    const onAbort = () => (clearTimeout(t), reject(signal.reason));
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * Asked around layer 6 (the engine runs the PreModelSwitch / PostModelSwitch hooks here).
 * `before` returns why the switch may not happen, or undefined to let it.
 */
export interface FallbackGuard {
  before(from: string, to: string): Promise<string | undefined>;
  after(from: string, to: string): Promise<void>;
}

/**
 * The 529 that ended the call, its detail extended by why no fallback was taken. Same
 * shape (status, type, error body, headers), so it is classified as the 529 it is.
 */
function fallbackBlocked(err: unknown, note: string): Error {
  const e = err as { name?: string; status?: number; type?: string; headers?: unknown; message?: string; error?: { error?: { message?: string } } };
  const detail = e.error?.error?.message ?? e.message ?? "overloaded";
  const message = `${detail}; ${note}`;
  return Object.assign(new Error(message), {
    ...(e.name ? { name: e.name } : {}),
    status: e.status,
    type: e.type ?? "overloaded_error",
    headers: e.headers,
    error: { ...e.error, error: { ...e.error?.error, message } },
    cause: err,
  });
}

/**
 * A MessageSource that retries the opening of a stream under the policy, reporting each
 * retry. One per run: a fallback, once taken, holds for the rest of the run.
 */
export function retrying(source: MessageSource, onRetry: (n: RetryNotice) => void, policy: Partial<RetryPolicy> = {}, baseURL?: string, guard?: FallbackGuard): MessageSource {
  const p = { ...DEFAULT_RETRY, ...policy };
  let fallenBackTo: string | undefined;
  return {
    async stream(params: RequestParams, signal: AbortSignal): Promise<AsyncIterable<RawMessageStreamEvent>> {
      const tries = { transient: 0, overloaded: 0 };
      let firstFailure: number | undefined;
      for (let attempt = 1; ; attempt++) {
        const call = fallenBackTo ? { ...params, model: fallenBackTo } : params;
        try {
          return await source.stream(call, signal);
        } catch (err) {
          const info = describeModelError(err, baseURL);
          if (info.kind === "aborted") throw err;
          firstFailure ??= p.now();
          let delayMs = nextDelay(info, (err as { headers?: Headers }).headers, tries, p);
          if (delayMs === undefined && info.kind === "overloaded" && p.fallbackModel && call.model !== p.fallbackModel) {
            // Layer 6: the model stays overloaded; its fallback takes over, announced — unless a hook says no.
            const blocked = await guard?.before(call.model, p.fallbackModel);
            if (blocked !== undefined) throw fallbackBlocked(err, `the switch to ${p.fallbackModel} was blocked by a PreModelSwitch hook: ${blocked}`);
            fallenBackTo = p.fallbackModel;
            await guard?.after(call.model, p.fallbackModel);
            tries.overloaded = 0;
            onRetry({ attempt, reason: `${call.model} stays overloaded: switching to ${p.fallbackModel}`, delayMs: 0, fallbackModel: p.fallbackModel });
            continue;
          }
          if (delayMs !== undefined && p.giveUpAfterMs !== undefined && p.now() - firstFailure + delayMs > p.giveUpAfterMs) delayMs = undefined;
          if (delayMs === undefined) throw err;
          if (info.kind === "overloaded") tries.overloaded++;
          else {
            tries.transient++;
            tries.overloaded = 0;
          }
          onRetry({ attempt, reason: info.message, delayMs });
          await sleep(delayMs, signal);
        }
      }
    },
  };
}
