// What a system-prompt section is: where it comes from, how much it matters when the
// prompt is over budget, and whether it may differ between sessions. Static sections
// render from StaticContext only (no cwd, no date), which keeps the cached half byte-stable.
import { z } from "zod";

/** Who contributed a section. Reported by `keel prompt show`; never changes rendering. */
export const SectionSource = z.enum(["core", "tool", "plugin", "memory", "environment", "attachment"]);
export type SectionSource = z.infer<typeof SectionSource>;

/**
 * Six priority levels, most important first. Over budget, sections drop from the end of
 * this list upward; `required` never drops.
 */
export const PRIORITIES = ["required", "critical", "high", "normal", "low", "optional"] as const;
export const SectionPriority = z.enum(PRIORITIES);
export type SectionPriority = z.infer<typeof SectionPriority>;

/** static: identical for every session of this binary and configuration; dynamic: may vary per session. */
export const SectionKind = z.enum(["static", "dynamic"]);
export type SectionKind = z.infer<typeof SectionKind>;

/** Default position of a source's sections within their half (lower renders first). */
export const SOURCE_ORDER: Record<SectionSource, number> = {
  core: 100,
  tool: 200,
  plugin: 300,
  environment: 400,
  memory: 500,
  attachment: 600,
};

/** A rendered section, ready to be placed. */
export interface Section {
  /** Stable id, unique within a prompt (e.g. `core.tone`, `memory.project.2`). */
  id: string;
  source: SectionSource;
  priority: SectionPriority;
  kind: SectionKind;
  /** Position within its half; ties keep provider order. Defaults to SOURCE_ORDER[source]. */
  order?: number;
  /** Short human label for `keel prompt show` (e.g. a memory file's path). */
  label?: string;
  text: string;
}

/** Everything a static section may depend on: the binary and the configuration, nothing else. */
export interface StaticContext {
  /** Names of the session's tools, sorted; lets a section mention a tool only when it exists. */
  toolNames: readonly string[];
  /** Product name as the model should call itself. */
  productName: string;
}

export interface GitFacts {
  branch: string | null;
  /** Default branch if it could be told (origin/HEAD), else null. */
  mainBranch: string | null;
  /** Paths with changes, already capped (`status` entries in porcelain form). */
  changes: string[];
  /** How many changes there were before capping. */
  changeCount: number;
  /** One line per recent commit, newest first. */
  recentCommits: string[];
}

export interface MemoryFile {
  /** Absolute path of the file. */
  path: string;
  /** user: the config dir; project: a directory between the project root and cwd. */
  scope: "user" | "project";
  content: string;
  /** True when the file was longer than the read cap and was cut. */
  truncated: boolean;
}

/** Per-session facts gathered once at session start (side effects happen before rendering). */
export interface DynamicContext extends StaticContext {
  cwd: string;
  /** Project root (nearest ancestor with .git), or null when cwd is not in a repository. */
  projectRoot: string | null;
  platform: string;
  osRelease: string;
  shell: string | null;
  /** Calendar date of the session in the local time zone, YYYY-MM-DD. */
  date: string;
  git: GitFacts | null;
  memory: MemoryFile[];
}

/** Rendering result of a provider: a section minus the fields the provider already fixes. */
export type SectionDraft = Omit<Section, "kind" | "source"> & { source?: SectionSource };

/**
 * A contributor of sections. Static providers see only StaticContext, so they cannot leak
 * a path or a date into the cached half. Render functions must be pure.
 */
export type SectionProvider =
  | { id: string; source: SectionSource; kind: "static"; render(ctx: StaticContext): SectionDraft[] }
  | { id: string; source: SectionSource; kind: "dynamic"; render(ctx: DynamicContext): SectionDraft[] };

/** A section as a plugin manifest declares it (text already read from the plugin's files). */
export const PluginPromptSection = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, "lowercase letters, digits, '.', '_' or '-'"),
  kind: SectionKind.default("static"),
  priority: SectionPriority.default("normal"),
  text: z.string().min(1),
});
export type PluginPromptSection = z.infer<typeof PluginPromptSection>;

/** settings.prompt: the part of the settings file this folder reads. */
export const PromptSettings = z.object({
  /** Lifetime of the cached static prefix. 1h costs 2× on write, 5m 1.25×; reads 0.1× either way. */
  cacheTtl: z.enum(["5m", "1h"]).default("5m"),
  /** Budget for the system prompt in estimated tokens; sections drop beyond it. */
  budgetTokens: z.number().int().positive().default(24_000),
});
export type PromptSettings = z.infer<typeof PromptSettings>;
export type CacheTtl = PromptSettings["cacheTtl"];
