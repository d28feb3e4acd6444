// The GrowthBook features-endpoint payload as it crosses our boundary (network, disk
// cache). Checked loosely: rules are the SDK's business, we only need the envelope.
import { z } from "zod";

export const FeatureDefinition = z.looseObject({
  defaultValue: z.unknown().optional(),
  rules: z.array(z.looseObject({})).optional(),
});

export const FeatureApiResponse = z.looseObject({
  features: z.record(z.string(), FeatureDefinition).optional(),
  encryptedFeatures: z.string().optional(),
  dateUpdated: z.string().optional(),
  savedGroups: z.record(z.string(), z.unknown()).optional(),
  encryptedSavedGroups: z.string().optional(),
});
export type FeatureApiResponse = z.infer<typeof FeatureApiResponse>;
export type FeatureDefinition = z.infer<typeof FeatureDefinition>;
