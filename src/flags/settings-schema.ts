// The zod schema of settings.flags, in its own module so that start-up, which usually
// has no flag settings at all, never constructs it.
import { z } from "zod";

export const FlagSettings = z.strictObject({
  /** GrowthBook API host or CDN, e.g. https://cdn.growthbook.io. */
  apiHost: z.url().optional(),
  /** The SDK connection's client key (sdk-…). */
  clientKey: z.string().min(1).optional(),
  /** For SDK connections with encryption on. */
  decryptionKey: z.string().min(1).optional(),
  /** Extra targeting attributes, merged over the built-in ones. */
  attributes: z.record(z.string(), z.unknown()).optional(),
  /** How long start-up waits for the remote before serving the cached payload. */
  timeoutMs: z.number().int().positive().default(1500),
  /** How often a long session re-fetches (streaming, when offered, is on top of this). */
  refreshSeconds: z.number().positive().default(300),
  /** Follow the server's SSE stream when it offers one. */
  streaming: z.boolean().default(true),
});
export type FlagSettings = z.infer<typeof FlagSettings>;
