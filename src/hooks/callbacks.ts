// The `callback` hook kind: built-in modules register in-process functions by name, and a
// hook `{ "type": "callback", "callback": "<name>" }` calls one. An unknown name is refused
// at load, like any kind without an executor.
import type { InjectedExecutor } from "./executors.ts";
import type { HookPayload } from "./events.ts";
import type { Interpreted } from "./output.ts";

export type HookCallback = (payload: HookPayload, signal: AbortSignal) => Interpreted | Promise<Interpreted>;

const registry = new Map<string, HookCallback>();

/** Registers a callback; returns the function that removes it. */
export function registerHookCallback(name: string, fn: HookCallback): () => void {
  registry.set(name, fn);
  return () => {
    if (registry.get(name) === fn) registry.delete(name);
  };
}

export const hasHookCallback = (name: string) => registry.has(name);

export const callbackExecutor: InjectedExecutor = async (def, payload, signal) => {
  const fn = registry.get(def.target);
  return fn ? await fn(payload, signal) : { notice: `no callback named ${def.target} is registered` };
};
