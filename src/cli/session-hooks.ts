// The hooks of a session: every settings layer's `hooks` section (Claude Code's shape),
// read into one runner. Prompt hooks judge with the session's model client, agent hooks
// run a read-only sub-agent, function hooks call a plugin's host; plugins' hooks.json join
// the settings' hooks.
import type { LoadedSettings } from "../config/index.ts";
import { createHookRunner, type HookDef, type InjectedExecutor, type JudgeModel, type KeelHookRunner, promptJudge, readHooks } from "../hooks/index.ts";

/** Every hook definition with its source; problems name the file and the entry. */
export function settingsHooks(loaded: LoadedSettings): { defs: HookDef[]; problems: string[] } {
  const defs: HookDef[] = [];
  const problems: string[] = [];
  for (const layer of loaded.layers) {
    const r = readHooks(layer.values.hooks, layer.file);
    defs.push(...r.defs);
    problems.push(...r.problems.map((p) => `${p.source}: ${p.message}`));
  }
  return { defs, problems };
}

export interface SessionHookOptions {
  transcriptPath?: string;
  permissionMode?: string;
  /** The session's model client, for prompt hooks. */
  judge?: { model: JudgeModel; name: string };
  /** The sub-agent that runs agent hooks. */
  agent?: InjectedExecutor;
  /** Enabled plugins' hooks (their hooks.json), after the settings' own. */
  pluginDefs?: readonly HookDef[];
  /** Function hooks: a plugin host call (src/plugins functionHookExecutor). */
  function?: InjectedExecutor;
  notify: (line: string) => void;
}

export function sessionHooks(loaded: LoadedSettings, o: SessionHookOptions): KeelHookRunner {
  const { defs, problems } = settingsHooks(loaded);
  for (const p of problems) o.notify(p);
  return createHookRunner({
    defs: [...defs, ...(o.pluginDefs ?? [])],
    projectDir: loaded.paths.projectRoot,
    ...(o.transcriptPath ? { transcriptPath: o.transcriptPath } : {}),
    ...(o.permissionMode ? { permissionMode: o.permissionMode } : {}),
    injected: {
      ...(o.judge ? { prompt: promptJudge(o.judge.model, o.judge.name) } : {}),
      ...(o.agent ? { agent: o.agent } : {}),
      ...(o.function ? { function: o.function } : {}),
    },
    notify: o.notify,
  });
}
