// The settings of this process: every layer loaded once at start-up, its problems shown
// as warnings (keel still starts with the layers that are fine), then shared by commands.
import { formatProblem, type LoadedSettings, loadSettings, scanOption } from "../config/index.ts";
import { warn } from "./output.ts";

let loaded: LoadedSettings | undefined;

/** The --settings value, read before commander parses (flags and settings shape the program). */
export function scanSettingsArg(argv: readonly string[]): string | undefined {
  return scanOption(argv, "--settings").at(-1); // the last one wins, as commander's would
}

export async function loadProcessSettings(argv: readonly string[]): Promise<LoadedSettings> {
  const cliSettings = scanSettingsArg(argv);
  loaded = await loadSettings(cliSettings === undefined ? {} : { cliSettings });
  for (const p of loaded.problems) warn(formatProblem(p));
  return loaded;
}

/** The loaded settings; loads them (quietly) when a caller runs outside `run()`, e.g. a test. */
export async function processSettings(): Promise<LoadedSettings> {
  return (loaded ??= await loadSettings());
}

/** The settings if already loaded, for synchronous callers on the start-up path. */
export const loadedSettings = (): LoadedSettings | undefined => loaded;
