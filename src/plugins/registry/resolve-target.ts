// Install-time trust: a plugin version is what its publisher's delegated targets role signed,
// found by tuf-js walking the delegation from top-level targets. The catalog only says which
// publisher owns a name; the identity in the signed custom data must match the path, the path
// must be in the publisher's namespace, and a revoked version is refused with its reason.
import type { Metadata, TargetFile, Targets } from "@tufjs/models";
import type { Updater } from "tuf-js";
import { canonicalJson } from "../canonical-json.ts";
import { TargetCustom } from "../contracts.ts";
import { SEMVER } from "../manifest.ts";
import type { CatalogRow } from "./catalog-file.ts";
import type { RegistryContext } from "./open-registry.ts";
import { TufSession } from "./tuf-session.ts";
import { RegistryError, RevokedError, type VerifiedTarget } from "./types.ts";

export async function resolveTarget(ctx: RegistryContext, row: CatalogRow, version: string | undefined): Promise<VerifiedTarget> {
  const { name, publisher } = row.latest;
  const known = () => {
    const revoked = Object.keys(row.revoked);
    return `versions: ${row.versions.join(", ") || "none"}${revoked.length ? `; revoked: ${revoked.join(", ")}` : ""}`;
  };
  if (version !== undefined && !SEMVER.test(version)) {
    throw new RegistryError(`${JSON.stringify(version)} is not a version of ${name} (a semantic version like 1.2.3; ${known()})`);
  }
  const wanted = version ?? row.versions[0];
  if (!wanted) {
    const reasons = Object.entries(row.revoked).map(([v, why]) => `${v} (${why})`);
    throw new RevokedError(`${ctx.where}: every version of ${name} is revoked by ${publisher}: ${reasons.join(", ")}`);
  }
  const path = `${publisher}/${name}/${name}-${wanted}.tgz`;
  const signal = ctx.deadline();
  const session = TufSession.open({ cacheDir: ctx.dir, transport: ctx.transport(), anchor: await ctx.anchor(signal), where: ctx.where, signal, ...(ctx.now ? { now: ctx.now } : {}), cacheFirst: true });
  try {
    const info = await session.run((u) => u.getTargetInfo(path));
    const top = session.signed("targets");
    if (!info) throw new RegistryError(`${ctx.where}: ${name} has no version ${wanted} signed by ${publisher} (${known()})`);
    if ((top?.targets as Record<string, unknown> | undefined)?.[path]) {
      throw new RegistryError(`${ctx.where}: top-level targets signs ${path} itself; a plugin must be signed by its publisher's delegated role`);
    }
    // tuf-js answers from the first role in its walk that lists the path, and a cached role file
    // may be older than the snapshot. So the publisher's own role is loaded and verified in this
    // pass (against the current snapshot, delegated by top-level targets), and what the walk
    // found must be exactly what that role signed: custom data included, which no hash covers.
    const own = await session.run((u) => publisherTarget(u, publisher, path));
    const sha256 = info.hashes.sha256;
    if (!own || !sha256 || own.hashes.sha256 !== sha256) {
      throw new RegistryError(`${ctx.where}: ${path} was not signed by ${publisher}'s delegated role (outside its namespace)`);
    }
    if (own !== info && !sameTarget(own, info)) {
      throw new RegistryError(`${ctx.where}: ${path} resolves through another delegated role, not as ${publisher}'s own delegated role signed it (an overlapping delegation); refused`);
    }
    const custom = TargetCustom.safeParse((own.custom as { keel?: unknown }).keel);
    if (!custom.success) {
      const i = custom.error.issues[0];
      throw new RegistryError(`${ctx.where}: ${path}: custom.keel.${i?.path.join(".")}: ${i?.message}`);
    }
    const c = custom.data;
    if (c.name !== name || c.version !== wanted || c.publisher !== publisher) {
      throw new RegistryError(`${ctx.where}: ${path} is signed as ${c.publisher}/${c.name}@${c.version}: a publisher may sign only its own plugins under their own names`);
    }
    if (c.revoked) throw new RevokedError(`${ctx.where}: ${name}@${wanted} was revoked by ${publisher}: ${c.revoked}`, 1, row.versions[0] ? `the newest live version is ${row.versions[0]}` : undefined);
    const delegation = ((top?.delegations as { roles?: { name: string; keyids: string[] }[] } | undefined)?.roles ?? []).find((r) => r.name === publisher);
    if (!delegation) throw new RegistryError(`${ctx.where}: top-level targets does not delegate to ${publisher}`);
    session.commit();
    return { path, length: own.length, sha256, custom: c, publisherKeys: [...delegation.keyids].sort() };
  } finally {
    session.dispose();
  }
}

/** The path as the publisher's role (delegated by top-level targets) signs it, verified now. */
async function publisherTarget(u: Updater, publisher: string, path: string): Promise<TargetFile | undefined> {
  // Updater.loadTargets is tuf-js's own load-and-verify of a delegated role (5.6 of the client workflow).
  const load = (u as unknown as { loadTargets(role: string, parent: string): Promise<Metadata<Targets> | undefined> }).loadTargets.bind(u);
  return (await load(publisher, "targets"))?.signed.targets[path];
}

function sameTarget(a: TargetFile, b: TargetFile): boolean {
  try {
    return canonicalJson(a.toJSON()) === canonicalJson(b.toJSON());
  } catch {
    return false;
  }
}
