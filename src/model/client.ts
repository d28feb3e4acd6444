// Builds the Anthropic client from the environment (ANTHROPIC_API_KEY or
// ANTHROPIC_AUTH_TOKEN, ANTHROPIC_BASE_URL) or settings.apiBaseUrl. Retrying is off
// (maxRetries: 0): the recovery ladder owns retries, so one failure is one event.
import type Anthropic from "@anthropic-ai/sdk";
import { KeelError } from "../errors.ts";

export interface ClientConfig {
  apiKey?: string;
  authToken?: string;
  baseURL?: string;
  /** Per-request timeout in ms (the SDK default is minutes; streaming calls need long ones). */
  timeoutMs?: number;
}

/** Reads credentials and endpoint: explicit settings win over the environment. */
export function clientConfigFrom(env: Record<string, string | undefined>, settings: { apiBaseUrl?: string } = {}): ClientConfig {
  const pick = (v: string | undefined) => (v && v.trim() !== "" ? v : undefined);
  return {
    apiKey: pick(env.ANTHROPIC_API_KEY),
    authToken: pick(env.ANTHROPIC_AUTH_TOKEN),
    baseURL: pick(settings.apiBaseUrl) ?? pick(env.ANTHROPIC_BASE_URL),
  };
}

/** Throws a one-line KeelError naming the variable when no credential is set. */
export function assertCredentials(config: ClientConfig): void {
  if (config.apiKey || config.authToken) return;
  throw new KeelError(
    "no API key: set ANTHROPIC_API_KEY (or ANTHROPIC_AUTH_TOKEN) in the environment",
    1,
    "ANTHROPIC_BASE_URL points keel at another Anthropic-compatible endpoint.",
  );
}

/** The SDK is loaded lazily so that commands that never call the model do not pay for it. */
export async function createClient(config: ClientConfig): Promise<Anthropic> {
  assertCredentials(config);
  const { default: AnthropicCtor } = await import("@anthropic-ai/sdk");
  return new AnthropicCtor({
    // Exactly one credential: the SDK treats them as mutually exclusive.
    ...(config.apiKey ? { apiKey: config.apiKey } : { authToken: config.authToken, apiKey: null }),
    baseURL: config.baseURL ?? null,
    maxRetries: 0,
    timeout: config.timeoutMs ?? 10 * 60_000,
    logLevel: "off",
  });
}
