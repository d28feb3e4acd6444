// ConfigChange: the settings files a running session loaded are watched (their
// directories, so a file created or replaced by an editor's rename is seen too). A change
// — debounced, and only when the text really differs — fires ConfigChange, then the
// session reloads that file's hooks. A hook that blocks keeps the old hooks, except for
// the managed layer, which no hook may veto. Everything else a settings file says (model,
// permissions, sandbox, env) is read at session start and applies from the next session.
import { existsSync, type FSWatcher, readFileSync, watch } from "node:fs";
import { basename, dirname, isAbsolute } from "node:path";
import { type HookDef, readHooks } from "./config.ts";
import type { EventFields } from "./events.ts";
import type { KeelHookRunner } from "./runner.ts";

/** Claude Code's names for where a settings file sits (ConfigChange's `source`, and its matcher). */
export const CONFIG_SOURCES: Record<string, string> = {
  managed: "policy_settings",
  cli: "cli_settings",
  local: "local_settings",
  project: "project_settings",
  user: "user_settings",
};

export interface WatchedLayer {
  /** managed, cli, local, project or user. */
  name: string;
  file: string;
}

export interface ConfigWatchOptions {
  layers: readonly WatchedLayer[];
  runner: KeelHookRunner;
  sessionId: string;
  cwd: string;
  notify: (line: string) => void;
  /** Quiet time after the last write before the change is taken (default 300 ms). */
  debounceMs?: number;
  /** Called once a change has been handled (tests wait on it). */
  onHandled?: (file: string, applied: boolean) => void;
}

export interface Watch {
  close(): void;
}

const read = (file: string): string => {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return ""; // missing or unreadable reads as empty: a deleted file is a change too
  }
};

/** Hooks of one file's new text; undefined (with the reason told) when the file cannot be used. */
function hooksOf(file: string, text: string, notify: (line: string) => void): HookDef[] | undefined {
  if (text.trim() === "") return [];
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    notify(`${file}: invalid JSON; its hooks were not reloaded`);
    return undefined;
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    notify(`${file}: expected a JSON object at the top level; its hooks were not reloaded`);
    return undefined;
  }
  const r = readHooks((json as Record<string, unknown>).hooks, file);
  for (const p of r.problems) notify(`${p.source}: ${p.message}`);
  return r.defs;
}

/** The runner's definitions with `file`'s replaced, in layer order; hooks from elsewhere (plugins) keep their place at the end. */
function replaced(current: readonly HookDef[], files: readonly string[], file: string, fresh: HookDef[]): HookDef[] {
  return [...files.flatMap((f) => (f === file ? fresh : current.filter((d) => d.source === f))), ...current.filter((d) => !files.includes(d.source))];
}

export function watchConfig(o: ConfigWatchOptions): Watch {
  const files = o.layers.filter((l) => isAbsolute(l.file)).map((l) => l.file);
  const layerOf = new Map(o.layers.map((l) => [l.file, l.name] as const));
  const last = new Map(files.map((f) => [f, read(f)] as const));
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const watchers: FSWatcher[] = [];
  let closed = false;
  // One change at a time, so two quick edits of two files cannot interleave their reloads.
  let queue: Promise<void> = Promise.resolve();

  async function handle(file: string): Promise<void> {
    const text = read(file);
    if (closed || text === last.get(file)) return;
    last.set(file, text);
    const scope = layerOf.get(file) ?? "user";
    const fields: EventFields["ConfigChange"] = { file_path: file, source: CONFIG_SOURCES[scope] ?? scope, scope };
    const out = await o.runner
      .run("ConfigChange", { session_id: o.sessionId, cwd: o.cwd, hook_event_name: "ConfigChange", ...fields })
      .catch(() => ({}) as { block?: { reason: string } });
    if (closed) return;
    if (out.block && scope !== "managed") {
      o.notify(`a ConfigChange hook kept the change to ${file} from applying: ${out.block.reason}`);
      return o.onHandled?.(file, false);
    }
    const fresh = hooksOf(file, text, o.notify);
    if (!fresh) return o.onHandled?.(file, false);
    const before = o.runner.defs.filter((d) => d.source === file);
    // Most edits leave the hooks alone (a saved permission rule, a model): then there is nothing to say.
    if (JSON.stringify(before) !== JSON.stringify(fresh)) {
      o.runner.reload(replaced(o.runner.defs, files, file, fresh));
      o.notify(`${file} changed: its hooks were reloaded (its other settings apply from the next session)`);
    }
    o.onHandled?.(file, true);
  }

  const schedule = (file: string) => {
    clearTimeout(timers.get(file));
    const t = setTimeout(() => {
      timers.delete(file);
      queue = queue.then(() => handle(file)).catch(() => {});
    }, o.debounceMs ?? 300);
    t.unref?.();
    timers.set(file, t);
  };

  for (const dir of new Set(files.map((f) => dirname(f)))) {
    if (!existsSync(dir)) continue; // a layer whose directory appears later is read by the next session
    try {
      const w = watch(dir, { persistent: false }, (_event, name) => {
        // No name given: any file of this directory may have changed (handle() skips those that did not).
        for (const f of files) if (!closed && dirname(f) === dir && (name === null || String(name) === basename(f))) schedule(f);
      });
      w.on("error", () => {}); // a directory removed under us stops being watched, nothing more
      watchers.push(w);
    } catch {
      // Not watchable (permissions, inotify limits): that layer's changes wait for the next session.
    }
  }

  return {
    close() {
      closed = true;
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
      for (const w of watchers) w.close();
    },
  };
}
