// Where keel keeps things. User state lives under $KEEL_HOME, or the XDG config, state and
// cache dirs; project state under `<project root>/.keel/`. Pure over (cwd, env) for tests.
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";

export type Env = Record<string, string | undefined>;

export interface Paths {
  configDir: string;
  stateDir: string;
  cacheDir: string;
  /** Nearest ancestor of cwd holding `.keel/` or `.git`, else cwd itself. */
  projectRoot: string;
  /** `<projectRoot>/.keel` */
  projectDir: string;
  userSettings: string;
  projectSettings: string;
  localSettings: string;
  /** Settings an administrator imposes; the highest layer. */
  managedSettings: string;
}

export const MANAGED_SETTINGS_DEFAULT = "/etc/keel/managed-settings.json";

/** Installed plugins live under `<stateDir>/plugins`; src/plugins lays out the rest (store, staging). */
export const pluginsRoot = (stateDir: string) => join(stateDir, "plugins");
/** The plugin lockfile: a session with none (and no --plugin-dir) loads no plugin code at all. */
export const pluginLockfile = (stateDir: string) => join(pluginsRoot(stateDir), "lock.json");

export function findProjectRoot(cwd: string): string {
  let dir = resolve(cwd);
  for (;;) {
    if (existsSync(join(dir, ".keel")) || existsSync(join(dir, ".git"))) return dir;
    const up = dirname(dir);
    if (up === dir) return resolve(cwd);
    dir = up;
  }
}

export function resolvePaths(cwd: string = process.cwd(), env: Env = process.env): Paths {
  const home = env.HOME || homedir();
  const keelHome = env.KEEL_HOME;
  const configDir = keelHome || join(env.XDG_CONFIG_HOME || join(home, ".config"), "keel");
  const stateDir = keelHome ? join(keelHome, "state") : join(env.XDG_STATE_HOME || join(home, ".local", "state"), "keel");
  const cacheDir = keelHome ? join(keelHome, "cache") : join(env.XDG_CACHE_HOME || join(home, ".cache"), "keel");
  const projectRoot = findProjectRoot(cwd);
  const projectDir = join(projectRoot, ".keel");
  return {
    configDir,
    stateDir,
    cacheDir,
    projectRoot,
    projectDir,
    userSettings: join(configDir, "settings.json"),
    projectSettings: join(projectDir, "settings.json"),
    localSettings: join(projectDir, "settings.local.json"),
    managedSettings: env.KEEL_MANAGED_SETTINGS || MANAGED_SETTINGS_DEFAULT,
  };
}
