// The `function` hook kind: `{ "type": "function", "function": "name" }` in a plugin's
// hooks.json calls `hooks[name](payload, ctx)` in that plugin's host; from a settings file
// the name is `<plugin>:<name>`. The function answers with Claude Code's hook JSON.
import { fromJson, type HookDef, type InjectedExecutor } from "../../hooks/index.ts";
import { HOST_METHODS } from "../contracts.ts";
import type { PluginRuntime } from "./runtime.ts";

/** The plugin and function a definition names; undefined when it names none. */
export function functionTarget(def: HookDef, runtime: PluginRuntime): { plugin: string; name: string } | undefined {
  const fromSource = /^plugin (.+)$/.exec(def.source)?.[1];
  const byRoot = def.pluginRoot ? runtime.plugins.find((p) => p.root === def.pluginRoot)?.name : undefined;
  const owner = fromSource ?? byRoot;
  if (owner) return { plugin: owner, name: def.target };
  const m = /^([a-z0-9][a-z0-9-]*):(.+)$/.exec(def.target);
  return m ? { plugin: m[1] as string, name: m[2] as string } : undefined;
}

export function functionHookExecutor(runtime: PluginRuntime): InjectedExecutor {
  return async (def, payload, signal) => {
    const t = functionTarget(def, runtime);
    if (!t) return { notice: `hook ${def.event}:function ${def.target} (${def.source}): name it <plugin>:<function> outside a plugin` };
    const out = await runtime.host(t.plugin).request(HOST_METHODS.hookCall, { name: t.name, payload }, { signal, timeoutMs: def.timeoutMs });
    return out && typeof out === "object" ? fromJson(out as Record<string, unknown>) : {};
  };
}
