// host.js as the plugin host sees it (contracts.ts): the companion widget's frames and
// reactions for ctx.installId, and the `card` call for a given id or this install's.
import { beforeEach, describe, expect, test } from "bun:test";
import { companionMod, host, type HostCtx, PLUGIN_DIR, reactMod, voicesMod } from "./load.ts";

const ctx = (installId: string): HostCtx => ({ pluginRoot: PLUGIN_DIR, installId, cwd: "/" });
const KINDS = ["tool_failed", "long_wait", "turn_done", "session_start", "error"] as const;

beforeEach(() => reactMod.resetReactions());

describe("buddy host module", () => {
  test("companion.frames are the frames of ctx.installId's companion", () => {
    expect(host.widgets.companion.frames(ctx("alice@example.com"))).toEqual(companionMod.companion("alice@example.com").frames);
    expect(host.widgets.companion.frames(ctx("carol"))).toEqual(companionMod.companion("carol").frames);
  });

  test("card previews another id when given one, else this install's", () => {
    expect(host.calls.card({ id: "preview-me" }, ctx("alice@example.com")).id).toBe("preview-me");
    expect(host.calls.card(undefined, ctx("alice@example.com")).name).toBe("Wrenbert");
    expect(host.calls.card({}, ctx("alice@example.com")).name).toBe("Wrenbert");
    // The card crosses the JSON-RPC pipe: it must survive JSON unchanged.
    const card = host.calls.card({ id: "json" }, ctx("x"));
    expect(JSON.parse(JSON.stringify(card))).toEqual(card);
  });

  test("a missing installId or a bad preview id is a clear error, not a default companion", () => {
    expect(() => host.widgets.companion.frames({ pluginRoot: PLUGIN_DIR, cwd: "/" } as HostCtx)).toThrow("buddy: the plugin host passed no installId");
    expect(() => host.calls.card({ id: "" }, ctx("alice"))).toThrow(/id must be a non-empty string/);
  });

  test("reactions speak in the species' voice, cycling through its lines", () => {
    const card = companionMod.companion("alice@example.com"); // a stoic capybara
    const lines = voicesMod.VOICES[card.temperament]!.tool_failed!;
    const said = lines.map(() => host.widgets.companion.react({ kind: "tool_failed" }, ctx(card.id)));
    expect(said).toEqual(lines.map((l) => `${card.sound} ${l}`));
    expect(host.widgets.companion.react({ kind: "tool_failed" }, ctx(card.id))).toBe(`${card.sound} ${lines[0]}`);
    // Kinds are counted apart: a long wait starts at its own first line.
    expect(host.widgets.companion.react({ kind: "long_wait" }, ctx(card.id))).toBe(`${card.sound} ${voicesMod.VOICES[card.temperament]!.long_wait![0]}`);
  });

  test("a fresh host says the same things in the same order", () => {
    const run = () => KINDS.flatMap((kind) => [host.widgets.companion.react({ kind }, ctx("dave")), host.widgets.companion.react({ kind }, ctx("dave"))]);
    const first = run();
    reactMod.resetReactions();
    expect(run()).toEqual(first);
  });

  test("successful tool calls and unknown events get no remark", () => {
    expect(host.widgets.companion.react({ kind: "tool_ok" }, ctx("dave"))).toBeUndefined();
    expect(host.widgets.companion.react({ kind: "nonsense" }, ctx("dave"))).toBeUndefined();
  });

  test("every temperament has short lines for every spoken event", () => {
    for (const [temperament, voice] of Object.entries(voicesMod.VOICES)) {
      for (const kind of KINDS) {
        expect(voice[kind]?.length, `${temperament}.${kind}`).toBeGreaterThanOrEqual(2);
        for (const line of voice[kind]!) expect(line.length, `${temperament}.${kind}: ${line}`).toBeLessThanOrEqual(34);
      }
    }
  });
});
