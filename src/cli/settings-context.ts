// The settings of this process: every layer loaded once at start-up, its problems shown
// as warnings (keel still starts with the layers that are fine), then shared by commands.
import { formatProblem, type LoadedSettings, loadSettings } from "../config/index.ts";
import { warn } from "./output.ts";

let loaded: LoadedSettings | undefined;

/** The --settings value, read before commander parses (flags and settings shape the program). */
export function scanSettingsArg(argv: readonly string[]): string | undefined {
  let found: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === "--") break;
    if (a === "--settings" && i + 1 < argv.length) found = argv[++i];
    else if (a.startsWith("--settings=")) found = a.slice("--settings=".length);
  }
  return found;
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
