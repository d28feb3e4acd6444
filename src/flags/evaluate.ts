// The payload layers (remote GrowthBook, embedded defaults). Without rules and without
// a remote they are plain maps, so `--help` never loads the SDK; otherwise the real
// GrowthBook SDK evaluates targeting and rollouts against the attributes.
import type { Attributes, FeatureResult, GrowthBook, FeatureApiResponse as SdkPayload } from "@growthbook/growthbook";
import { type FlagKey, FLAG_KEYS } from "./catalog.ts";
import type { Overrides } from "./overrides.ts";
import type { FeatureApiResponse } from "./payload.ts";
import { type Layer, mapLayer, type Verdict } from "./resolve.ts";

export interface RemoteInput {
  /** The decrypted payload. */
  payload: FeatureApiResponse;
  origin: string;
}

export interface PayloadInput {
  embedded: FeatureApiResponse;
  remote?: RemoteInput;
  /** Called only when the SDK is needed (reading the install id is a file read). */
  attributes: () => Attributes;
  /** Local overrides, forced into the SDK so prerequisites see them. */
  forced: Overrides;
}

/** True when any feature carries rules, i.e. its value depends on who is asking. */
export function hasRules(payload: FeatureApiResponse | undefined): boolean {
  for (const def of Object.values(payload?.features ?? {})) if (def.rules && def.rules.length > 0) return true;
  return false;
}

export const needsSdk = (input: Pick<PayloadInput, "embedded" | "remote">) => Boolean(input.remote) || hasRules(input.embedded);

export async function payloadLayers(input: PayloadInput): Promise<Layer[]> {
  const embeddedFeatures = input.embedded.features ?? {};
  if (!needsSdk(input)) {
    const defaults: Partial<Record<FlagKey, unknown>> = {};
    for (const key of FLAG_KEYS) defaults[key] = embeddedFeatures[key]?.defaultValue;
    return [mapLayer("default", "embedded", defaults)];
  }
  const { GrowthBook } = await import("@growthbook/growthbook");
  const attributes = input.attributes();
  const forced = new Map(Object.entries(input.forced));
  const remote = input.remote?.payload.features ?? {};
  // Remote definitions replace embedded ones key by key; keys the remote lacks keep their
  // embedded definition, so a prerequisite on such a key still resolves.
  const merged = new GrowthBook({ attributes }).initSync({
    payload: { ...input.remote?.payload, features: { ...embeddedFeatures, ...remote } } as SdkPayload,
  });
  merged.setForcedFeatures(forced);
  let embeddedOnly: GrowthBook | undefined;
  const shadowed = (key: string) => key in remote;

  const layers: Layer[] = [];
  if (input.remote) {
    layers.push({
      source: "remote",
      origin: input.remote.origin,
      verdict: (key) => (shadowed(key) ? evalUnforced(merged, forced, key) : undefined),
    });
  }
  layers.push({
    source: "default",
    origin: "embedded",
    verdict: (key) => {
      if (!shadowed(key)) return evalUnforced(merged, forced, key);
      if (!embeddedFeatures[key]?.rules?.length) return { value: embeddedFeatures[key]?.defaultValue };
      embeddedOnly ??= new GrowthBook({ attributes }).initSync({ payload: input.embedded as SdkPayload });
      embeddedOnly.setForcedFeatures(forced);
      return evalUnforced(embeddedOnly, forced, key);
    },
  });
  return layers;
}

/**
 * What the payload says for `key` itself: the other overrides stay forced (prerequisites
 * see them) but not this key's own, which `explain` wants to show beside it.
 */
function evalUnforced(gb: GrowthBook, forced: Map<string, unknown>, key: string): Verdict | undefined {
  if (!forced.has(key)) return toVerdict(gb.evalFeature(key));
  const rest = new Map(forced);
  rest.delete(key);
  gb.setForcedFeatures(rest);
  try {
    return toVerdict(gb.evalFeature(key));
  } finally {
    gb.setForcedFeatures(forced);
  }
}

function toVerdict(r: FeatureResult<unknown>): Verdict | undefined {
  if (r.source === "unknownFeature") return undefined;
  const v: Verdict = { value: r.value };
  const rule = describeRule(r);
  if (rule) v.rule = rule;
  return v;
}

function describeRule(r: FeatureResult<unknown>): string | undefined {
  switch (r.source) {
    case "force":
      return r.ruleId ? `rule ${r.ruleId}` : "a force rule";
    case "experiment": {
      const variation = r.experimentResult?.key ?? String(r.experimentResult?.variationId ?? "?");
      return `rollout ${r.ruleId || r.experiment?.key || "?"} (variation ${variation})`;
    }
    case "prerequisite":
    case "cyclicPrerequisite":
      return `prerequisite not met${r.ruleId ? ` (rule ${r.ruleId})` : ""}`;
    default:
      return undefined;
  }
}
