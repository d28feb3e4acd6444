// `${VAR}` and `${VAR:-default}` in a server's command, args, env, cwd, url and headers,
// as Claude Code expands .mcp.json. A variable that is unset and has no default is
// reported by field, so the server is named as failing instead of starting half-configured.
import { type McpServerConfig, isStdio } from "./config.ts";

export type Env = Record<string, string | undefined>;

const VAR = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

export interface Expanded {
  config: McpServerConfig;
  /** `VAR (in args[1])` for each unset variable without a default. */
  missing: string[];
}

export function expandString(value: string, env: Env, field: string, missing: string[]): string {
  return value.replace(VAR, (whole, name: string, fallback: string | undefined) => {
    const v = env[name];
    if (v !== undefined && v !== "") return v;
    if (fallback !== undefined) return fallback;
    if (v === "") return v;
    missing.push(`${name} (in ${field})`);
    return whole;
  });
}

export function expandConfig(config: McpServerConfig, env: Env): Expanded {
  const missing: string[] = [];
  const str = (v: string, field: string) => expandString(v, env, field, missing);
  const map = (m: Record<string, string> | undefined, field: string) =>
    m && Object.fromEntries(Object.entries(m).map(([k, v]) => [k, str(v, `${field}.${k}`)]));
  if (isStdio(config)) {
    const command = str(config.command, "command");
    const args = config.args?.map((a, i) => str(a, `args[${i}]`));
    const env2 = map(config.env, "env");
    return {
      config: {
        ...config,
        command,
        ...(args ? { args } : {}),
        ...(env2 ? { env: env2 } : {}),
        ...(config.cwd ? { cwd: str(config.cwd, "cwd") } : {}),
      },
      missing,
    };
  }
  const headers = map(config.headers, "headers");
  return { config: { ...config, url: str(config.url, "url"), ...(headers ? { headers } : {}) }, missing };
}
