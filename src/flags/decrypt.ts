// GrowthBook's payload encryption: AES-CBC with a base64 raw key, the text being
// "<base64 iv>.<base64 ciphertext>". Done here rather than by the SDK because the SDK
// logs a stack trace and carries on with no features when the key is wrong.
import { KeelError } from "../errors.ts";
import { FeatureApiResponse } from "./payload.ts";

const fromBase64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

export async function decryptText(encrypted: string, key: string): Promise<string> {
  const [iv, body] = encrypted.split(".");
  if (!iv || !body) throw new Error("not <iv>.<ciphertext>");
  const cryptoKey = await crypto.subtle.importKey("raw", fromBase64(key), { name: "AES-CBC" }, false, ["decrypt"]);
  const plain = await crypto.subtle.decrypt({ name: "AES-CBC", iv: fromBase64(iv) }, cryptoKey, fromBase64(body));
  return new TextDecoder().decode(plain);
}

/** The payload with `encryptedFeatures` / `encryptedSavedGroups` replaced by their plain form. */
export async function decryptPayload(payload: FeatureApiResponse, key: string | undefined, origin: string): Promise<FeatureApiResponse> {
  if (!payload.encryptedFeatures && !payload.encryptedSavedGroups) return payload;
  if (!key) {
    throw new KeelError(`the flag payload from ${origin} is encrypted and settings.flags.decryptionKey is not set`);
  }
  const out: Record<string, unknown> = { ...payload };
  for (const [field, plainField] of [
    ["encryptedFeatures", "features"],
    ["encryptedSavedGroups", "savedGroups"],
  ] as const) {
    const text = payload[field];
    if (!text) continue;
    try {
      out[plainField] = JSON.parse(await decryptText(text, key));
    } catch {
      throw new KeelError(`settings.flags.decryptionKey does not decrypt ${field} from ${origin}`, 1, "check the key against the SDK connection in GrowthBook");
    }
    delete out[field];
  }
  return FeatureApiResponse.parse(out);
}
