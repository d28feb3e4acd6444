// What a headless run takes from settings: where state lives (sessions) and the few
// fields the engine uses. Interim until src/config lands: the same KEEL_HOME / XDG
// convention the flags use, and no settings files yet. Swap the body for loadSettings()
// and paths() from ../config/index.ts; nothing else in the headless path changes.
import { flagPaths } from "./flags.ts";

export interface HeadlessSettings {
  stateDir: string;
  /** settings.model: used when neither --model nor a resumed session names one. */
  model?: string;
  /** settings.apiBaseUrl: wins over ANTHROPIC_BASE_URL. */
  apiBaseUrl?: string;
}

export async function headlessSettings(_raw: Record<string, unknown>): Promise<HeadlessSettings> {
  return { stateDir: flagPaths().stateDir };
}
