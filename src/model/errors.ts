// Failures at the model boundary, turned into one clear line. Connection and auth
// failures name the variable to fix (ANTHROPIC_BASE_URL / ANTHROPIC_API_KEY).
import { StreamCutError } from "./stream.ts";

export type ModelErrorKind = "aborted" | "connection" | "auth" | "rate_limit" | "overloaded" | "invalid_request" | "server" | "stream";

export interface ModelErrorInfo {
  kind: ModelErrorKind;
  message: string;
  status?: number;
  /** Whether a retry could help (the recovery ladder decides whether to make one). */
  retryable: boolean;
}

/** Classifies by shape rather than class identity, so it works before the SDK is loaded. */
export function describeModelError(err: unknown, baseURL?: string): ModelErrorInfo {
  const e = err as { name?: string; status?: number; type?: string | null; message?: string; error?: { error?: { message?: string } } } | undefined;
  const name = e?.name ?? "";
  const detail = e?.error?.error?.message ?? e?.message ?? String(err);
  const where = baseURL ?? "https://api.anthropic.com";
  if (name === "APIUserAbortError" || name === "AbortError") return { kind: "aborted", message: "interrupted", retryable: false };
  if (err instanceof StreamCutError) return { kind: "stream", message: err.message, retryable: true };
  if (name === "APIConnectionTimeoutError")
    return { kind: "connection", message: `the model endpoint ${where} timed out (check ANTHROPIC_BASE_URL)`, retryable: true };
  if (name === "APIConnectionError")
    return { kind: "connection", message: `cannot reach the model endpoint ${where} (check ANTHROPIC_BASE_URL)`, retryable: true };
  const status = typeof e?.status === "number" ? e.status : undefined;
  if (status === 401 || status === 403)
    return { kind: "auth", status, message: `the endpoint rejected the credentials (${status}): check ANTHROPIC_API_KEY — ${detail}`, retryable: false };
  if (status === 429) return { kind: "rate_limit", status, message: `rate limited (429): ${detail}`, retryable: true };
  if (status === 529 || e?.type === "overloaded_error") return { kind: "overloaded", status, message: `the model is overloaded: ${detail}`, retryable: true };
  if (status !== undefined && status >= 400 && status < 500) return { kind: "invalid_request", status, message: `request rejected (${status}): ${detail}`, retryable: false };
  if (status !== undefined) return { kind: "server", status, message: `model endpoint error (${status}): ${detail}`, retryable: true };
  if (e?.type) return { kind: "server", message: `${e.type}: ${detail}`, retryable: e.type !== "invalid_request_error" };
  return { kind: "stream", message: `model stream failed: ${detail}`, retryable: true };
}
