// The shapes the plugin parts agree on: what a registry target's signed custom data says,
// what the lockfile records, where installed plugins live, and how a plugin host module is
// called. The registry (src/plugins/registry), the installer (src/plugins/install) and the
// runtime (src/plugins/runtime) each parse these; none of them owns them alone.
import { join } from "node:path";
import { z } from "zod";
import { pluginLockfile, pluginsRoot } from "../config/index.ts";
import { Capability, PluginName, SemVer } from "./manifest.ts";

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, "a lowercase hex sha256");

/** One file of a plugin archive, as signed: the installer accepts nothing that is not listed here. */
export const SignedFile = z.strictObject({
  path: z.string().min(1),
  sha256,
  size: z.number().int().nonnegative(),
  /** Unix permission bits (0o644, 0o755); nothing beyond 0o777. */
  mode: z.number().int().min(0).max(0o777),
});
export type SignedFile = z.infer<typeof SignedFile>;

/**
 * `targets.<path>.custom.keel` of every plugin archive target in the registry, signed by the
 * publisher's delegated targets role. Target paths are `<publisher>/<name>/<name>-<version>.tgz`.
 */
export const TargetCustom = z.strictObject({
  name: PluginName,
  version: SemVer,
  publisher: PluginName,
  description: z.string().max(200),
  /** semver range of keel versions the plugin runs on, e.g. ">=0.1.0". */
  engine: z.string().min(1),
  /** The feature flag that gates the plugin, when there is one. */
  flag: z.string().optional(),
  capabilities: z.array(Capability),
  /** "keel" (a plugin.json at the root) or "claude" (a Claude Code .claude-plugin/plugin.json). */
  format: z.enum(["keel", "claude"]).default("keel"),
  files: z.array(SignedFile),
  /** Present when the publisher revoked this version: it is never installed, and verify flags it. */
  revoked: z.string().optional(),
});
export type TargetCustom = z.infer<typeof TargetCustom>;

/** One installed plugin version in the lockfile. */
export const LockEntry = z.strictObject({
  name: PluginName,
  version: SemVer,
  publisher: z.string().min(1),
  /** "registry:<registry id>" for signed installs, "marketplace:<name>" or "dir:<path>" for unsigned ones. */
  source: z.string().min(1),
  signed: z.boolean(),
  format: z.enum(["keel", "claude"]),
  capabilities: z.array(Capability),
  flag: z.string().optional(),
  /** Registry target path and the archive's sha256 (signed installs). */
  target: z.string().optional(),
  archiveSha256: sha256.optional(),
  /** sha256 over the sorted (path, sha256, size, mode) list: also the store directory's name. */
  treeHash: sha256,
  files: z.array(SignedFile),
  /** Publisher key ids that signed the delegation at install time (an update that changes them asks again). */
  publisherKeys: z.array(z.string()).default([]),
  installedAt: z.string(),
});
export type LockEntry = z.infer<typeof LockEntry>;

export const Lockfile = z.strictObject({
  version: z.literal(1),
  /** name → the active entry. */
  plugins: z.record(z.string(), LockEntry),
  /** name → earlier entries, newest first, kept for `keel plugin rollback`. */
  previous: z.record(z.string(), z.array(LockEntry)).default({}),
});
export type Lockfile = z.infer<typeof Lockfile>;

export interface PluginPaths {
  /** `<stateDir>/plugins` */
  root: string;
  /** Content-addressed trees: `<root>/store/<treeHash>/…` (read-only once renamed in). */
  store: string;
  /** Fresh staging dirs, renamed into the store when complete; leftovers are swept. */
  staging: string;
  /** `<root>/lock.json`, written atomically. */
  lockfile: string;
  /** Verified TUF metadata per registry: `<cacheDir>/registry/<registry id>/`. */
  metadataCache: string;
}

export function pluginPaths(p: { stateDir: string; cacheDir: string }): PluginPaths {
  const root = pluginsRoot(p.stateDir);
  return {
    root,
    store: join(root, "store"),
    staging: join(root, "staging"),
    lockfile: pluginLockfile(p.stateDir),
    metadataCache: join(p.cacheDir, "registry"),
  };
}

/**
 * The plugin host protocol: newline-delimited JSON-RPC 2.0 over the host's stdin/stdout.
 * A host module (`contributes.hostModules[]`, an ES module inside the plugin) may export:
 *   tools:   Array<{ name, description, inputSchema (JSON Schema object), run(input, ctx) }>
 *            run returns { content: string, isError?: boolean } (or a string)
 *            (tools the model sees are declared in the manifest too — hostModules: [{ path, tools: [{ name,
 *            description, inputSchema }] }] — so the toolset is known without starting the host)
 *   hooks:   Record<functionName, (payload, ctx) => HookJsonOutput | undefined>   (hook kind "function")
 *   widgets: Record<widgetId, { frames(ctx): string[][]; react?(event: WidgetEvent, ctx): string | undefined }>
 *   calls:   Record<name, (params, ctx) => unknown>   (named entry points, e.g. buddy's `card`)
 * Callers (src/plugins/runtime, src/cli/plugin-host.ts): `callPlugin(plugin, name, params)` runs a `calls` entry;
 * `WidgetClient` (src/plugins/index.ts) fetches widget frames once, animates them, asks `react` on engine events.
 * Host-module functions may be sync or async; what they throw reaches the caller as a PluginHostError.
 * ctx is { pluginRoot, installId, cwd }; installId is `installId(paths)` from src/config (KEEL_ACCOUNT_ID, else <stateDir>/install-id).
 */
export const HOST_METHODS = {
  initialize: "initialize",
  toolsList: "tools/list",
  toolsCall: "tools/call",
  hookCall: "hook/call",
  widgetFrames: "widget/frames",
  widgetReact: "widget/react",
  call: "call",
  shutdown: "shutdown",
} as const;

/** What the UI tells a widget about (reactions: a tool failing, a long wait, a finished task). */
export const WidgetEvent = z.object({
  kind: z.enum(["tool_failed", "tool_ok", "long_wait", "turn_done", "session_start", "error"]),
  detail: z.string().optional(),
});
export type WidgetEvent = z.infer<typeof WidgetEvent>;
