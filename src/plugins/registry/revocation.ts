// Whether the publisher still stands by an installed version, asked of the registry it came
// from: what `keel plugin rollback` checks before it makes a kept version active again.
import { type Registry, RevokedError } from "./types.ts";

/** The publisher's revocation message, or undefined when the version stands (or came from another source). Other failures throw. */
export async function revocationOf(registry: Registry, e: { name: string; version: string; signed: boolean; source: string }): Promise<string | undefined> {
  if (!e.signed || e.source !== `registry:${registry.source.id}`) return undefined;
  try {
    await registry.resolve(e.name, e.version);
    return undefined;
  } catch (err) {
    if (err instanceof RevokedError) return err.message;
    throw err;
  }
}
