// The zod schema of settings.json, loaded only when a settings file exists so that a
// fresh install's start-up never constructs it. `flags` and `prompt` are carried as
// objects here; their own domains (src/flags, src/prompt) validate what they mean.
import { z } from "zod";

const Rules = z.array(z.string().min(1, "a rule cannot be empty"));
const StringMap = z.record(z.string(), z.string());

export const PERMISSION_MODES = ["default", "acceptEdits", "plan", "bypassPermissions"] as const;

const HookEntry = z.looseObject({
  type: z.string().min(1),
  command: z.string().optional(),
  url: z.string().optional(),
  prompt: z.string().optional(),
  timeout: z.number().positive().optional(),
});

// Claude Code's shape; the url is a string because `${VAR}` in it is expanded when the server starts (src/mcp).
const McpServer = z.union([
  z.looseObject({ type: z.literal("stdio").optional(), command: z.string().min(1), args: z.array(z.string()).optional(), env: StringMap.optional(), cwd: z.string().min(1).optional() }),
  z.looseObject({ type: z.enum(["http", "sse"]), url: z.string().min(1), headers: StringMap.optional() }),
]);
const ServerNames = z.array(z.string().min(1));

/** One entry per top-level key: validated separately, so one bad field never costs the others. */
export const SETTINGS_FIELDS = {
  model: z.string().min(1),
  fallbackModel: z.string().min(1),
  smallModel: z.string().min(1),
  apiBaseUrl: z.url(),
  env: StringMap,
  permissions: z.strictObject({
    allow: Rules.optional(),
    ask: Rules.optional(),
    deny: Rules.optional(),
    defaultMode: z.enum(PERMISSION_MODES).optional(),
    additionalDirectories: z.array(z.string().min(1)).optional(),
  }),
  hooks: z.record(z.string(), z.array(z.looseObject({ matcher: z.string().optional(), hooks: z.array(HookEntry) }))),
  mcpServers: z.record(z.string(), McpServer),
  // Approval of the project's own servers (.mcp.json, .keel/settings.json), as Claude Code names it.
  enableAllProjectMcpServers: z.boolean(),
  enabledMcpjsonServers: ServerNames,
  disabledMcpjsonServers: ServerNames,
  registry: z.string().min(1),
  flags: z.record(z.string(), z.unknown()),
  prompt: z.record(z.string(), z.unknown()),
  compaction: z.strictObject({ auto: z.boolean().optional(), threshold: z.number().gt(0).lt(1).optional() }),
  sandbox: z.strictObject({ enabled: z.boolean().optional(), network: z.boolean().optional() }),
} as const;

export type SettingsKey = keyof typeof SETTINGS_FIELDS;
export type Settings = { [K in SettingsKey]?: z.infer<(typeof SETTINGS_FIELDS)[K]> };

export interface FieldProblem {
  /** Dot path inside the file, e.g. `permissions.defaultMode`. */
  field: string;
  message: string;
}

/** Validates one top-level field; problems name the full path and what was expected. */
export function checkField(key: SettingsKey, value: unknown): { ok: true; value: unknown } | { ok: false; problems: FieldProblem[] } {
  const r = SETTINGS_FIELDS[key].safeParse(value);
  if (r.success) return { ok: true, value: r.data };
  return {
    ok: false,
    problems: r.error.issues.map((i) => ({ field: [key, ...i.path.map(String)].join("."), message: i.message })),
  };
}

export const isSettingsKey = (k: string): k is SettingsKey => Object.hasOwn(SETTINGS_FIELDS, k);
