// Precedence as a table: --flag > KEEL_FLAGS > user file > remote > embedded default,
// first through the pure decision, then through a real session with every source live.
import { afterAll, describe, expect, test } from "bun:test";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { FlagSession, PRECEDENCE, type SourceName } from "../../src/flags/index.ts";
import { decide, explain, type Layer, mapLayer } from "../../src/flags/resolve.ts";
import { startGrowthBook } from "../support/growthbook/server.ts";
import { freshContext } from "./helpers.ts";

type Said = Partial<Record<SourceName, unknown>>;

const layersFrom = (said: Said): Layer[] =>
  PRECEDENCE.map((s) => mapLayer(s, s, s === "default" ? { buddy: false } : s in said ? { buddy: said[s] } : {}));

describe("decide (pure)", () => {
  const cases: Array<[string, Said, unknown, SourceName]> = [
    ["only the default", {}, false, "default"],
    ["remote over default", { remote: true }, true, "remote"],
    ["user over remote", { user: false, remote: true }, false, "user"],
    ["env over user", { env: true, user: false, remote: false }, true, "env"],
    ["--flag over everything", { flag: false, env: true, user: true, remote: true }, false, "flag"],
    ["--flag over env alone", { flag: true, env: false }, true, "flag"],
    ["user over default", { user: true }, true, "user"],
    ["wrongly typed remote falls through", { remote: "yes" }, false, "default"],
    ["wrongly typed env falls through to user", { env: 1, user: true }, true, "user"],
    ["null (failed prerequisite) on an on/off flag is off", { remote: null }, false, "remote"],
  ];
  test.each(cases)("%s", (_name, said, value, source) => {
    const s = decide("buddy", layersFrom(said));
    expect(s.value).toBe(value as boolean);
    expect(s.source).toBe(source);
  });

  test("explain lists every source in order, marks one winner, says why a value was refused", () => {
    const trail = explain("buddy", layersFrom({ env: "on", user: true, remote: false }));
    expect(trail.map((t) => t.source)).toEqual([...PRECEDENCE]);
    expect(trail.filter((t) => t.won).map((t) => t.source)).toEqual(["user"]);
    expect(trail[1]?.rejected).toBe("expected a boolean, got string");
    expect(trail[0]?.said).toBeUndefined();
    expect(trail[3]?.said?.value).toBe(false);
  });
});

describe("a session with every source live", () => {
  const server = startGrowthBook({
    payload: { features: { buddy: { defaultValue: true }, kairos: { defaultValue: true }, dream: { defaultValue: true }, harbor: { defaultValue: true } } },
  });
  afterAll(() => server.stop());

  test("each flag takes its value from the highest source that has one", async () => {
    const ctx = freshContext({
      settings: { apiHost: server.url, clientKey: server.clientKey },
      env: { KEEL_FLAGS: "buddy=false,kairos=false" },
      cliFlags: ["buddy=true"],
    });
    mkdirSync(ctx.paths.configDir, { recursive: true });
    writeFileSync(join(ctx.paths.configDir, "flags.json"), JSON.stringify({ kairos: true, dream: false }));
    const flags = await FlagSession.open(ctx, { network: true });
    const got = (k: "buddy" | "kairos" | "dream" | "harbor" | "inbox") => [flags.snapshot[k], flags.states[k].source];
    expect(got("buddy")).toEqual([true, "flag"]); // --flag beats KEEL_FLAGS
    expect(got("kairos")).toEqual([false, "env"]); // KEEL_FLAGS beats the user file
    expect(got("dream")).toEqual([false, "user"]); // the user file beats the remote
    expect(got("harbor")).toEqual([true, "remote"]); // the remote beats the default
    expect(got("inbox")).toEqual([false, "default"]); // the remote says nothing about inbox
    const trail = flags.explain("dream");
    expect(trail.map((t) => [t.source, t.said?.value, t.won])).toEqual([
      ["flag", undefined, false],
      ["env", undefined, false],
      ["user", false, true],
      ["remote", true, false],
      ["default", false, false],
    ]);
  });
});
