// Which registry keel talks to: KEEL_REGISTRY, else settings.registry, else the copy embedded
// in the binary. Each source gets a stable id that names its metadata cache directory, so two
// registries never share trusted metadata.
import { createHash } from "node:crypto";
import { homedir } from "node:os";
import { isAbsolute, join, resolve } from "node:path";
import { RegistryError, type RegistrySource } from "./types.ts";

export const EMBEDDED_SOURCE: RegistrySource = Object.freeze({ id: "embedded", kind: "embedded", location: "embedded" });

/** Parses a registry location: "embedded", an http(s) URL, or a directory (relative to cwd). */
export function parseRegistryLocation(raw: string, from: string, cwd = process.cwd()): RegistrySource {
  const text = raw.trim();
  if (text === "") throw new RegistryError(`${from} is empty: give a registry URL or directory`);
  if (text === "embedded") return EMBEDDED_SOURCE;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw new RegistryError(`${from}: ${JSON.stringify(text)} is not a valid URL`);
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      throw new RegistryError(`${from}: ${url.protocol} registries are not supported (use http(s):// or a directory)`);
    }
    if (url.search || url.hash) throw new RegistryError(`${from}: a registry URL takes no query or fragment (${text})`);
    const location = url.toString().replace(/\/+$/, "");
    return { id: idFor("http", location), kind: "http", location };
  }
  const expanded = text === "~" || text.startsWith("~/") ? join(homedir(), text.slice(1)) : text;
  const location = isAbsolute(expanded) ? resolve(expanded) : resolve(cwd, expanded);
  return { id: idFor("dir", location), kind: "dir", location };
}

/** KEEL_REGISTRY wins over settings.registry; with neither, the embedded registry. */
export function registrySource(env: Record<string, string | undefined>, settingsRegistry?: string): RegistrySource {
  if (env.KEEL_REGISTRY !== undefined && env.KEEL_REGISTRY !== "") return parseRegistryLocation(env.KEEL_REGISTRY, "KEEL_REGISTRY");
  if (settingsRegistry !== undefined) return parseRegistryLocation(settingsRegistry, "settings.registry");
  return EMBEDDED_SOURCE;
}

function idFor(kind: "dir" | "http", location: string): string {
  return `${kind}-${createHash("sha256").update(location).digest("hex").slice(0, 12)}`;
}
