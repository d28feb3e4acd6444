// The --help path stays cheap: with only embedded defaults and local overrides, resolving
// the snapshot loads neither the GrowthBook SDK nor zod; with a remote payload it loads the SDK.
// Each case runs in a fresh process so the module cache starts empty.
import { describe, expect, test } from "bun:test";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { freshContext } from "./helpers.ts";

const FLAGS = join(import.meta.dir, "../../src/flags/index.ts");

async function loadedAfterOpen(ctx: object): Promise<string[]> {
  const script = `
    const { FlagSession } = await import(${JSON.stringify(FLAGS)});
    await FlagSession.open(${JSON.stringify(ctx)});
    process.stdout.write(JSON.stringify(Object.keys(require.cache)));`;
  const p = Bun.spawn([process.execPath, "-e", script], { stdout: "pipe", stderr: "inherit" });
  return JSON.parse(await new Response(p.stdout).text()) as string[];
}

const growthbook = (mods: string[]) => mods.filter((m) => m.includes("@growthbook"));
const zod = (mods: string[]) => mods.filter((m) => /node_modules\/zod\//.test(m));

describe("what start-up resolution loads", () => {
  test("local sources only: no SDK, no zod", async () => {
    const ctx = freshContext({ env: { KEEL_FLAGS: "buddy=true" }, cliFlags: ["kairos=true"] });
    mkdirSync(ctx.paths.configDir, { recursive: true });
    writeFileSync(join(ctx.paths.configDir, "flags.json"), JSON.stringify({ dream: true }));
    const mods = await loadedAfterOpen(ctx);
    expect(mods.some((m) => m.endsWith("src/flags/session.ts"))).toBe(true); // the probe sees our own modules
    expect(growthbook(mods)).toEqual([]);
    expect(zod(mods)).toEqual([]);
  });

  test("a cached remote payload with rules: the real SDK evaluates it", async () => {
    const ctx = freshContext({ settings: { apiHost: "http://127.0.0.1:9", clientKey: "sdk-x" } });
    mkdirSync(ctx.paths.cacheDir, { recursive: true });
    const payload = { features: { buddy: { defaultValue: false, rules: [{ force: true }] } } };
    writeFileSync(join(ctx.paths.cacheDir, "flags-remote.json"), JSON.stringify({ apiHost: "http://127.0.0.1:9", clientKey: "sdk-x", fetchedAt: 1, sse: false, payload }));
    expect(growthbook(await loadedAfterOpen(ctx)).length).toBeGreaterThan(0);
  });
});
