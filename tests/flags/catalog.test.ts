// The embedded catalogue: a payload the real GrowthBook SDK accepts as-is, every key
// described, and the key list the typed snapshot is built from.
import { describe, expect, test } from "bun:test";
import { GrowthBook } from "@growthbook/growthbook";
import descriptions from "../../flags/descriptions.json" with { type: "json" };
import features from "../../flags/features.json" with { type: "json" };
import { closeMatches, describeFlag, FLAG_KEYS } from "../../src/flags/index.ts";

const MODULES = ["kairos", "daemon", "inbox", "ultraplan", "dream", "undercover", "anti_distill_fake_tools", "anti_distill_cot", "buddy", "frustration", "harbor", "thinkback", "speculative"];

describe("flags/features.json", () => {
  test("lists every gated module from issue 8", () => {
    for (const m of MODULES) expect(FLAG_KEYS).toContain(m as never);
  });

  test("every flag has a description and every description a flag", () => {
    expect(Object.keys(descriptions).sort()).toEqual(Object.keys(features.features).sort());
    for (const k of FLAG_KEYS) expect(describeFlag(k).length).toBeGreaterThan(10);
  });

  test("the real SDK evaluates the embedded payload to its defaults", () => {
    const gb = new GrowthBook({ attributes: { id: "x" } }).initSync({ payload: features });
    for (const k of FLAG_KEYS) {
      const r = gb.evalFeature(k);
      expect(r.source).toBe("defaultValue");
      expect(r.value).toBe(features.features[k].defaultValue);
    }
  });

  // Released modules are listed here by name, so turning one on is a deliberate, reviewed change.
  const RELEASED = new Set(["harbor"]);
  test("unreleased modules are dark by default; released ones are on", () => {
    for (const k of FLAG_KEYS) expect([k, features.features[k].defaultValue]).toEqual([k, RELEASED.has(k)]);
  });
});

describe("closeMatches", () => {
  test.each([
    ["budy", "buddy"],
    ["kairo", "kairos"],
    ["anti-distill-cot", "anti_distill_cot"],
    ["specul", "speculative"],
  ])("%s → %s first", (typo, want) => {
    expect(closeMatches(typo)[0]).toBe(want);
  });

  test("nothing close → empty", () => {
    expect(closeMatches("zzzzzzzzzz")).toEqual([]);
  });
});

describe("the typed snapshot", () => {
  test("keys and value types come from the catalogue (checked by tsc)", async () => {
    const { DEFAULT_SNAPSHOT } = await import("../../src/flags/index.ts");
    const on: boolean = DEFAULT_SNAPSHOT.kairos;
    // @ts-expect-error a key that is not in flags/features.json does not type-check
    const missing = DEFAULT_SNAPSHOT.no_such_flag;
    expect(on).toBe(false);
    expect(missing).toBeUndefined();
    expect(Object.isFrozen(DEFAULT_SNAPSHOT)).toBe(true);
  });
});
