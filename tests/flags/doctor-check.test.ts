// The doctor check for the flag source: ok with local sources, a warning naming the
// reason when the remote is down (cache or no cache), a failure for a broken override.
import { afterAll, describe, expect, test } from "bun:test";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { checkFlagSource } from "../../src/cli/flags.ts";
import { startGrowthBook } from "../support/growthbook/server.ts";
import { freshContext } from "./helpers.ts";

const server = startGrowthBook({ payload: { features: { buddy: { defaultValue: true } } }, sse: true });
afterAll(() => server.stop());
const remote = { apiHost: server.url, clientKey: server.clientKey };

describe("checkFlagSource", () => {
  test("no remote: ok, and local overrides are named", async () => {
    const r = await checkFlagSource(freshContext({ env: { KEEL_FLAGS: "kairos=true" } }));
    expect(r).toEqual({ status: "ok", message: "embedded defaults (no remote configured); 1 local override(s): kairos (KEEL_FLAGS)" });
  });

  test("remote up: ok; then down with a cache: warn with the reason", async () => {
    const ctx = freshContext({ settings: remote });
    expect(await checkFlagSource(ctx)).toMatchObject({ status: "ok", message: expect.stringContaining("reachable, streaming offered") });
    server.failWith(502);
    try {
      const down = await checkFlagSource(ctx);
      expect(down.status).toBe("warn");
      expect(down.message).toContain("unreachable: HTTP 502");
      expect(down.message).toContain("the cached payload serves");
      const cold = await checkFlagSource(freshContext({ settings: remote }));
      expect(cold).toMatchObject({ status: "warn", message: expect.stringContaining("nothing cached") });
    } finally {
      server.failWith(undefined);
    }
  });

  test("a corrupt override file fails, naming the file", async () => {
    const ctx = freshContext();
    mkdirSync(ctx.paths.configDir, { recursive: true });
    writeFileSync(join(ctx.paths.configDir, "flags.json"), "[");
    const r = await checkFlagSource(ctx);
    expect(r.status).toBe("fail");
    expect(r.message).toContain(join(ctx.paths.configDir, "flags.json"));
  });
});
