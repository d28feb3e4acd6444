// The catalog target (catalog.json): every plugin and its versions, signed as a target of
// top-level targets for browsing and search. Installs never trust it: resolve() goes to the
// publisher's own delegated metadata. At 10,000 plugins a full zod pass costs more than the
// whole rest of a refresh, so the file is checked in two steps: its shell and each row's
// searchable strings at once, and each row in full (CatalogRow) when it is handed out.
import { z } from "zod";
import { TargetCustom } from "../contracts.ts";

export const CATALOG_TARGET = "catalog.json";

export const CatalogShell = z.object({ format: z.literal("keel-catalog/1"), plugins: z.array(z.unknown()) });

/** One plugin: `latest` (the newest live version, else the newest) names it. */
export const CatalogRow = z.object({
  /** Versions not revoked, newest first. */
  versions: z.array(z.string()),
  /** version → the publisher's reason. */
  revoked: z.record(z.string(), z.string()).default({}),
  latest: TargetCustom,
});
export type CatalogRow = z.infer<typeof CatalogRow>;

/** What search needs of a row before it is checked in full. */
export interface RowHead {
  name: string;
  publisher: string;
  description: string;
  live: boolean;
}

/** The row's searchable strings, or a message saying which is wrong. */
export function rowHead(raw: unknown): RowHead | string {
  const r = raw as { versions?: unknown; latest?: { name?: unknown; publisher?: unknown; description?: unknown } };
  if (typeof r !== "object" || r === null) return "not an object";
  const l = r.latest;
  if (typeof l !== "object" || l === null) return "latest: expected an object";
  if (typeof l.name !== "string") return "latest.name: expected a string";
  if (typeof l.publisher !== "string") return "latest.publisher: expected a string";
  if (typeof l.description !== "string") return "latest.description: expected a string";
  if (!Array.isArray(r.versions)) return "versions: expected an array";
  return { name: l.name, publisher: l.publisher, description: l.description, live: r.versions.length > 0 };
}
