// What a headless run takes from settings: where state lives (sessions), the user dir
// holding memory files, and the few fields the engine uses.
import type { PromptSettings } from "../prompt/index.ts";
import type { GateSettings } from "./permission-gate.ts";
import { processSettings } from "./settings-context.ts";

export interface HeadlessSettings {
  stateDir: string;
  /** User-level config dir: AGENTS.md / KEEL.md / CLAUDE.md there join the prompt. */
  userDir: string;
  /** settings.model: used when neither --model nor a resumed session names one. */
  model?: string;
  /** settings.fallbackModel: taken when the main model stays overloaded. */
  fallbackModel?: string;
  /** settings.smallModel: prompt hooks judge with it. */
  smallModel?: string;
  /** settings.apiBaseUrl: wins over ANTHROPIC_BASE_URL. */
  apiBaseUrl?: string;
  /** settings.compaction: auto on/off and its threshold. */
  compaction?: { auto?: boolean; threshold?: number };
  /** settings.prompt (validated by the prompt compiler). */
  prompt?: Partial<PromptSettings>;
  /** Rules of every layer, the default mode, the project root. */
  permissions: GateSettings;
}

export async function headlessSettings(_raw: Record<string, unknown>): Promise<HeadlessSettings> {
  const { settings, paths, permissionRules } = await processSettings();
  return {
    permissions: {
      projectRoot: paths.projectRoot,
      rules: permissionRules,
      ...(settings.permissions?.defaultMode ? { defaultMode: settings.permissions.defaultMode } : {}),
      ...(settings.permissions?.additionalDirectories ? { additionalDirectories: settings.permissions.additionalDirectories } : {}),
      ...(settings.sandbox?.network !== undefined ? { network: settings.sandbox.network } : {}),
      ...(settings.sandbox?.enabled !== undefined ? { sandbox: settings.sandbox.enabled } : {}),
    },
    stateDir: paths.stateDir,
    userDir: paths.configDir,
    ...(settings.model ? { model: settings.model } : {}),
    ...(settings.apiBaseUrl ? { apiBaseUrl: settings.apiBaseUrl } : {}),
    ...(settings.smallModel ? { smallModel: settings.smallModel } : {}),
    ...(settings.fallbackModel ? { fallbackModel: settings.fallbackModel } : {}),
    ...(settings.prompt ? { prompt: settings.prompt as Partial<PromptSettings> } : {}),
    ...(settings.compaction ? { compaction: settings.compaction } : {}),
  };
}
