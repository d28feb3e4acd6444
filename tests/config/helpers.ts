// A throwaway project and KEEL_HOME on disk, with settings files written per case.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

export interface Sandbox {
  root: string;
  home: string;
  project: string;
  env: Record<string, string>;
  write(rel: "user" | "project" | "local" | "managed" | string, content: unknown): string;
}

export function sandbox(): Sandbox {
  const root = mkdtempSync(join(tmpdir(), "keel-config-"));
  const home = join(root, "home");
  const project = join(root, "proj");
  mkdirSync(join(project, ".git"), { recursive: true });
  mkdirSync(home, { recursive: true });
  const env = { HOME: root, KEEL_HOME: home, KEEL_MANAGED_SETTINGS: join(root, "managed.json") };
  const files: Record<string, string> = {
    user: join(home, "settings.json"),
    project: join(project, ".keel", "settings.json"),
    local: join(project, ".keel", "settings.local.json"),
    managed: env.KEEL_MANAGED_SETTINGS,
  };
  return {
    root,
    home,
    project,
    env,
    write(which, content) {
      const file = files[which] ?? join(root, which);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content, null, 2));
      return file;
    },
  };
}
