import { describe, expect, test } from "bun:test";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { findProjectRoot, resolvePaths } from "../../src/config/index.ts";
import { sandbox } from "./helpers.ts";

describe("resolvePaths", () => {
  test.each([
    ["KEEL_HOME holds everything", { HOME: "/h", KEEL_HOME: "/k" }, ["/k", "/k/state", "/k/cache"]],
    ["XDG dirs when set", { HOME: "/h", XDG_CONFIG_HOME: "/c", XDG_STATE_HOME: "/s", XDG_CACHE_HOME: "/x" }, ["/c/keel", "/s/keel", "/x/keel"]],
    ["XDG defaults under HOME", { HOME: "/h" }, ["/h/.config/keel", "/h/.local/state/keel", "/h/.cache/keel"]],
  ] as const)("%s", (_name, env, [config, state, cache]) => {
    const p = resolvePaths("/nowhere", env);
    expect([p.configDir, p.stateDir, p.cacheDir]).toEqual([config, state, cache]);
    expect(p.userSettings).toBe(join(config, "settings.json"));
  });

  test("managed settings default to /etc/keel and follow KEEL_MANAGED_SETTINGS", () => {
    expect(resolvePaths("/", { HOME: "/h" }).managedSettings).toBe("/etc/keel/managed-settings.json");
    expect(resolvePaths("/", { HOME: "/h", KEEL_MANAGED_SETTINGS: "/m.json" }).managedSettings).toBe("/m.json");
  });

  test("the project root is the nearest ancestor with .keel or .git", () => {
    const s = sandbox();
    const deep = join(s.project, "a", "b");
    mkdirSync(deep, { recursive: true });
    expect(findProjectRoot(deep)).toBe(s.project);
    mkdirSync(join(s.project, "a", ".keel"));
    expect(findProjectRoot(deep)).toBe(join(s.project, "a"));
    const p = resolvePaths(deep, s.env);
    expect(p.projectSettings).toBe(join(s.project, "a", ".keel", "settings.json"));
  });
});
