// The checks `keel doctor` runs: each a small function returning one verdict, so other
// modules add theirs by appending to DOCTOR_CHECKS. No check touches the network unless
// the person configured a remote (a GrowthBook host).
import type { LoadedSettings } from "../config/index.ts";
import { clientConfigFrom, DEFAULT_MODEL } from "../model/index.ts";
import { VERSION } from "../version.ts";

export type CheckStatus = "ok" | "warn" | "fail";

export interface CheckResult {
  id: string;
  title: string;
  status: CheckStatus;
  detail: string;
  /** Machine-readable facts behind the verdict (for --json). */
  data?: Record<string, unknown>;
  /** What to do about a warn or fail. */
  hint?: string;
}

export interface DoctorContext {
  env: Record<string, string | undefined>;
  loaded: LoadedSettings;
}

export type DoctorCheck = (ctx: DoctorContext) => CheckResult | Promise<CheckResult>;

const DEFAULT_ENDPOINT = "https://api.anthropic.com";

export const checkVersion: DoctorCheck = () => ({
  id: "version",
  title: "keel",
  status: "ok",
  detail: `${VERSION} on ${process.platform}-${process.arch}`,
  data: { version: VERSION, platform: process.platform, arch: process.arch, binary: process.execPath },
});

export const checkPaths: DoctorCheck = ({ loaded: { paths } }) => ({
  id: "paths",
  title: "paths",
  status: "ok",
  detail: `config ${paths.configDir}, state ${paths.stateDir}, cache ${paths.cacheDir}, project ${paths.projectRoot}`,
  data: { config: paths.configDir, state: paths.stateDir, cache: paths.cacheDir, projectRoot: paths.projectRoot, projectDir: paths.projectDir },
});

export const checkSettings: DoctorCheck = ({ loaded }) => {
  const found = loaded.layers.filter((l) => l.exists);
  const errors = loaded.problems.filter((p) => p.severity === "error");
  return {
    id: "settings",
    title: "settings",
    status: errors.length ? "warn" : "ok",
    detail: errors.length
      ? `${errors.length} problem(s); those fields are ignored, the rest applies`
      : found.length
        ? `${found.length} layer(s): ${found.map((l) => `${l.name} (${l.file})`).join(", ")}`
        : "no settings files; defaults apply",
    data: { layers: loaded.layers.map((l) => ({ name: l.name, file: l.file, exists: l.exists, problems: l.problems })) },
    ...(errors.length ? { hint: errors.map((p) => `${p.file}: ${p.field ? `${p.field}: ` : ""}${p.message}`).join("\n") } : {}),
  };
};

export const checkModel: DoctorCheck = ({ env, loaded }) => {
  const { settings } = loaded;
  const config = clientConfigFrom(env, settings.apiBaseUrl ? { apiBaseUrl: settings.apiBaseUrl } : {});
  const endpoint = config.baseURL ?? DEFAULT_ENDPOINT;
  const via = settings.apiBaseUrl ? "settings.apiBaseUrl" : config.baseURL ? "ANTHROPIC_BASE_URL" : "default";
  const key = config.apiKey ? "ANTHROPIC_API_KEY" : config.authToken ? "ANTHROPIC_AUTH_TOKEN" : null;
  return {
    id: "model",
    title: "model",
    status: key ? "ok" : "warn",
    detail: `${settings.model ?? DEFAULT_MODEL} at ${endpoint} (${via}); ${key ? `key set (${key})` : "no API key set"}`,
    data: { model: settings.model ?? DEFAULT_MODEL, endpoint, endpointSource: via, keySet: key !== null, keySource: key },
    ...(key ? {} : { hint: "export ANTHROPIC_API_KEY=… to run agent sessions (or ANTHROPIC_BASE_URL for another compatible endpoint)" }),
  };
};

/** The registry in use and whether its metadata verifies offline (loaded only when doctor runs). */
export const checkRegistry: DoctorCheck = async ({ env, loaded }) => {
  const { pluginPaths, loadRegistry } = await import("../plugins/index.ts");
  const { registryHealth } = await loadRegistry();
  const h = await registryHealth({ env, ...(loaded.settings.registry ? { settingsRegistry: loaded.settings.registry } : {}), cacheDir: pluginPaths(loaded.paths).metadataCache });
  return { id: "registry", title: "registry", status: h.status, detail: h.detail, data: h.data, ...(h.hint ? { hint: h.hint } : {}) };
};

/** Installed plugins' trees against the lockfile (local files only; revocations are `keel plugin verify`'s). */
export const checkPlugins: DoctorCheck = async ({ loaded }) => {
  const { pluginPaths, readLockfile, checkInstalled } = await import("../plugins/index.ts");
  const paths = pluginPaths(loaded.paths);
  const entries = Object.values(readLockfile(paths).plugins).sort((a, b) => a.name.localeCompare(b.name));
  const modified = entries.filter((e) => !checkInstalled(e, paths).ok);
  const data = { installed: entries.map((e) => e.name), modified: modified.map((e) => e.name) };
  if (entries.length === 0) return { id: "plugins", title: "plugins", status: "ok", detail: "none installed (keel plugin browse shows what there is)", data };
  if (modified.length === 0) return { id: "plugins", title: "plugins", status: "ok", detail: `${entries.length} installed, files intact: ${entries.map((e) => `${e.name} ${e.version}`).join(", ")}`, data };
  return {
    id: "plugins",
    title: "plugins",
    status: "warn",
    detail: `${modified.length} of ${entries.length} installed plugin(s) changed on disk and disabled: ${modified.map((e) => e.name).join(", ")}`,
    data,
    hint: modified.map((e) => `keel plugin install ${e.name}${e.signed ? `@${e.version}` : `@${e.source.replace(/^marketplace:/, "")} --allow-unsigned`} restores ${e.name} (keel plugin verify names the files)`).join("\n"),
  };
};

export const checkFlags: DoctorCheck = async () => {
  const { checkFlagSource, flagContext } = await import("./flags.ts");
  const r = await checkFlagSource(flagContext([]));
  return { id: "flags", title: "flags", status: r.status as CheckStatus, detail: r.message };
};

/** The same detection sessions use: bubblewrap on PATH and a real trial run. */
export const checkSandbox: DoctorCheck = async ({ loaded }) => {
  const { detectSandbox } = await import("../safety/index.ts");
  const status = await detectSandbox();
  if (loaded.settings.sandbox?.enabled === false) {
    return { id: "sandbox", title: "sandbox", status: "warn", detail: "off (settings.sandbox.enabled is false): commands run unsandboxed", data: { enabled: false, ...status } };
  }
  if (status.available) return { id: "sandbox", title: "sandbox", status: "ok", detail: `bubblewrap works (${status.bwrap}); commands run sandboxed`, data: { enabled: true, ...status } };
  return {
    id: "sandbox",
    title: "sandbox",
    status: "warn",
    detail: `${status.reason}; commands run without an OS sandbox`,
    data: { enabled: true, ...status },
    hint: "install bubblewrap (Debian/Ubuntu: apt-get install bubblewrap)",
  };
};

export const DOCTOR_CHECKS: DoctorCheck[] = [checkVersion, checkPaths, checkSettings, checkModel, checkRegistry, checkPlugins, checkFlags, checkSandbox];
