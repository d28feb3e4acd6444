// `keel flags` and its subcommands (get, set, unset, explain), plus the start-up
// snapshot the command table is filtered by: a command whose flag is off is never declared.
import {
  type FlagContext,
  type FlagKey,
  FlagSession,
  type FlagState,
  type FlagValue,
  parseValue,
  type RemoteState,
  requireKey,
  requireValue,
  scanFlagArgs,
  type TrailEntry,
  userFile,
  writeUserOverride,
} from "../flags/index.ts";
import { resolvePaths } from "../config/index.ts";
import { paint, printJson, printLine, warn } from "./output.ts";
import { loadedSettings } from "./settings-context.ts";

let opened: Promise<FlagSession> | undefined;

/**
 * This process's flag session: the one `run` opened for the command table (local sources and
 * the remote's disk cache), so every later question — a plugin's gate, `/buddy` — sees the same
 * snapshot without reading the files again. Opened here when nothing opened it yet.
 */
export function processFlags(open?: () => Promise<FlagSession>): Promise<FlagSession> {
  if (open) opened = open();
  return (opened ??= FlagSession.open(flagContext(scanFlagArgs(process.argv.slice(2)))));
}

/** The flag context of this process: paths, settings.flags, KEEL_FLAGS and the --flag values. */
export function flagContext(cliFlags: readonly string[]): FlagContext {
  const loaded = loadedSettings();
  const flags = loaded?.settings.flags;
  return { paths: loaded?.paths ?? resolvePaths(), env: process.env, cliFlags, ...(flags ? { settings: flags } : {}) };
}

const SOURCE_LABEL: Record<string, string> = {
  flag: "--flag",
  env: "KEEL_FLAGS",
  user: "user file",
  remote: "remote",
  default: "default",
};

const show = (v: unknown) => (v === undefined ? "—" : JSON.stringify(v));

function age(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 90) return `${s} s`;
  if (s < 90 * 60) return `${Math.round(s / 60)} min`;
  if (s < 36 * 3600) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86400)} d`;
}

/** One line on the remote source: where, how fresh, and why it was not reached. */
function remoteLine(r: RemoteState): string {
  const parts = [r.origin];
  if (r.fetchedAt !== undefined) parts.push(r.fresh ? "fetched now" : `cached ${age(Date.now() - r.fetchedAt)} ago`);
  else parts.push("no cached payload");
  if (r.error) parts.push(`unreachable: ${r.error}`);
  return parts.join("; ");
}

const remoteJson = (r: RemoteState | undefined) =>
  r ? { origin: r.origin, fresh: r.fresh, fetchedAt: r.fetchedAt ?? null, sse: r.sse, error: r.error ?? null } : null;

const stateJson = (s: FlagState) => ({
  key: s.key,
  value: s.value,
  source: s.source,
  origin: s.origin,
  rule: s.rule ?? null,
  description: s.description,
});

async function openFlags(cliFlags: readonly string[]): Promise<FlagSession> {
  return FlagSession.open(flagContext(cliFlags), { network: true });
}

export interface FlagsOptions {
  json?: boolean;
  flag?: string[];
}

export async function flagsList(opts: FlagsOptions): Promise<void> {
  const flags = await openFlags(opts.flag ?? []);
  const states = Object.values(flags.states) as FlagState[];
  if (opts.json) {
    printJson({ flags: states.map(stateJson), remote: remoteJson(flags.remote) });
    return;
  }
  const keyW = Math.max(...states.map((s) => s.key.length));
  const valW = Math.max(5, ...states.map((s) => show(s.value).length));
  const srcW = Math.max(...states.map((s) => SOURCE_LABEL[s.source]?.length ?? 0));
  for (const s of states) {
    const value = show(s.value).padEnd(valW);
    const coloured = s.value === true ? paint.green(value) : s.value === false ? paint.dim(value) : value;
    const rule = s.rule ? paint.cyan(` [${s.rule}]`) : "";
    printLine(`${s.key.padEnd(keyW)}  ${coloured}  ${(SOURCE_LABEL[s.source] ?? s.source).padEnd(srcW)}  ${paint.dim(s.description)}${rule}`);
  }
  if (flags.remote) printLine(paint.dim(`\nremote: ${remoteLine(flags.remote)}`));
}

export async function flagsGet(key: string, opts: FlagsOptions): Promise<void> {
  const k = requireKey(key, "keel flags get");
  const flags = await openFlags(opts.flag ?? []);
  if (opts.json) printJson(stateJson(flags.states[k]));
  else printLine(JSON.stringify(flags.states[k].value));
}

export async function flagsSet(key: string, text: string): Promise<void> {
  const k = requireKey(key, "keel flags set");
  const value = requireValue(k, parseValue(text), "keel flags set");
  const ctx = flagContext([]);
  const file = userFile(ctx.paths);
  writeUserOverride(file, k, value);
  printLine(`${k} = ${JSON.stringify(value)}  (saved in ${file})`);
  noteShadowing(k, value, ctx);
}

export async function flagsUnset(key: string): Promise<void> {
  const k = requireKey(key, "keel flags unset");
  const file = userFile(flagContext([]).paths);
  const had = writeUserOverride(file, k, undefined);
  printLine(had ? `${k}: override removed from ${file}` : `${k}: no override was set in ${file}`);
}

/** Warns when a higher source (KEEL_FLAGS) hides the value just saved. */
function noteShadowing(key: FlagKey, value: FlagValue, ctx: FlagContext): void {
  const env = ctx.env?.KEEL_FLAGS;
  if (!env) return;
  const pair = env.split(",").find((p) => p.split("=")[0]?.trim() === key);
  if (pair) warn(`KEEL_FLAGS sets ${pair.trim()}, which takes precedence over the saved ${JSON.stringify(value)}`);
}

export async function flagsExplain(key: string, opts: FlagsOptions): Promise<void> {
  const k = requireKey(key, "keel flags explain");
  const flags = await openFlags(opts.flag ?? []);
  const trail = flags.explain(k);
  const state = flags.states[k];
  if (opts.json) {
    printJson({ ...stateJson(state), trail: trail.map(trailJson), remote: remoteJson(flags.remote) });
    return;
  }
  printLine(`${paint.bold(k)} = ${JSON.stringify(state.value)}  (from ${SOURCE_LABEL[state.source]}${state.rule ? `, ${state.rule}` : ""})`);
  printLine(paint.dim(state.description));
  printLine("");
  printLine("sources, highest precedence first:");
  for (const t of trail) {
    const mark = t.won ? paint.green("→") : " ";
    const said = t.said ? show(t.said.value) : "—";
    const notes = [trailOrigin(t, flags.remote), t.said?.rule, t.rejected && `ignored: ${t.rejected}`].filter(Boolean);
    printLine(`${mark} ${(SOURCE_LABEL[t.source] ?? t.source).padEnd(11)} ${said.padEnd(8)} ${paint.dim(notes.join("; "))}`);
  }
  if (!flags.remote) printLine(paint.dim("\n(no remote: settings.flags.apiHost and clientKey are not set)"));
}

function trailOrigin(t: TrailEntry, remote: RemoteState | undefined): string {
  if (t.source === "remote" && remote) return remoteLine(remote);
  return t.source === "flag" || t.source === "env" ? "" : t.origin;
}

const trailJson = (t: TrailEntry) => ({
  source: t.source,
  origin: t.origin,
  said: t.said ? { value: t.said.value, rule: t.said.rule ?? null } : null,
  rejected: t.rejected ?? null,
  won: t.won,
});

export interface FlagSourceCheck {
  status: "ok" | "warn" | "fail";
  message: string;
}

/**
 * For `keel doctor`: can the flags resolve, and where from? A broken override (file,
 * KEEL_FLAGS) fails; an unreachable remote is a warning while its cache serves.
 */
export async function checkFlagSource(ctx: FlagContext = flagContext([])): Promise<FlagSourceCheck> {
  let flags: FlagSession;
  try {
    flags = await FlagSession.open(ctx, { network: true });
  } catch (e) {
    return { status: "fail", message: e instanceof Error ? e.message : String(e) };
  }
  const overridden = (Object.values(flags.states) as FlagState[]).filter((s) => s.source !== "default" && s.source !== "remote");
  const local = overridden.length ? `; ${overridden.length} local override(s): ${overridden.map((s) => `${s.key} (${SOURCE_LABEL[s.source]})`).join(", ")}` : "";
  const r = flags.remote;
  if (!r) return { status: "ok", message: `embedded defaults (no remote configured)${local}` };
  if (r.error && !r.payload) return { status: "warn", message: `remote ${r.origin} unreachable (${r.error}) and nothing cached: embedded defaults serve${local}` };
  if (r.error) return { status: "warn", message: `remote ${remoteLine(r)}: the cached payload serves${local}` };
  return { status: "ok", message: `remote ${r.origin} reachable${r.sse ? ", streaming offered" : ""}${local}` };
}
