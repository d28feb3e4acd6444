// @tufjs/models 4.1.1 builds every map with `reduce((acc, x) => ({ ...acc, [k]: v }), {})`,
// which copies the accumulator each step: O(n²). A snapshot listing 1,000 publisher roles, or
// a targets role delegating to 1,000 publishers, then costs ~100 ms to parse and again to
// verify (verification re-serialises `signed`). This module swaps those mappings for linear
// ones with the same semantics — Object.fromEntries defines own data properties exactly as the
// spread does (a "__proto__" key stays a key), same order, same errors — for Snapshot.meta,
// Targets.targets and Delegations.keys/roles. Parsing and verification logic stay tuf-js's own;
// tests/plugins/registry/tuf-linear.test.ts holds the replacements equal to the originals.
import { MetaFile, Snapshot, TargetFile, Targets } from "@tufjs/models";
import { Signed } from "@tufjs/models/dist/base.js";
import { Delegations } from "@tufjs/models/dist/delegations.js";
import { Key } from "@tufjs/models/dist/key.js";
import { DelegatedRole, SuccinctRoles } from "@tufjs/models/dist/role.js";
import { guard } from "@tufjs/models/dist/utils/index.js";

type Json = Record<string, unknown>;
type AnyCtor = { fromJSON(...a: unknown[]): unknown; prototype: { toJSON(): Json } };

const mapValues = <T, U>(o: Record<string, T>, f: (k: string, v: T) => U): Record<string, U> => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(k, v)]));

export const ORIGINAL = {
  snapshotFromJSON: Snapshot.fromJSON,
  snapshotToJSON: Snapshot.prototype.toJSON,
  targetsFromJSON: Targets.fromJSON,
  targetsToJSON: Targets.prototype.toJSON,
  delegationsFromJSON: (Delegations as unknown as AnyCtor).fromJSON,
  delegationsToJSON: (Delegations as unknown as AnyCtor).prototype.toJSON,
};

function snapshotFromJSON(data: Json): Snapshot {
  const { unrecognizedFields, ...commonFields } = Signed.commonFieldsFromJSON(data as never);
  const { meta, ...rest } = unrecognizedFields as Json;
  let parsed: Record<string, MetaFile> | undefined;
  if (guard.isDefined(meta)) {
    if (!guard.isObjectRecord(meta)) throw new TypeError("meta field is malformed");
    parsed = mapValues(meta as Record<string, Json>, (_, m) => MetaFile.fromJSON(m as never));
  }
  return new Snapshot({ ...commonFields, ...(parsed ? { meta: parsed } : {}), unrecognizedFields: rest as never });
}

function snapshotToJSON(this: Snapshot): Json {
  return {
    _type: this.type,
    meta: mapValues(this.meta, (_, m) => m.toJSON()),
    spec_version: this.specVersion,
    version: this.version,
    expires: this.expires,
    ...this.unrecognizedFields,
  };
}

function targetsFromJSON(data: Json): Targets {
  const { unrecognizedFields, ...commonFields } = Signed.commonFieldsFromJSON(data as never);
  const { targets, delegations, ...rest } = unrecognizedFields as Json;
  let parsedTargets: Record<string, TargetFile> | undefined;
  if (guard.isDefined(targets)) {
    if (!guard.isObjectRecord(targets)) throw new TypeError("targets must be an object");
    parsedTargets = mapValues(targets as Record<string, Json>, (path, t) => TargetFile.fromJSON(path, t as never));
  }
  let parsedDelegations: Delegations | undefined;
  if (guard.isDefined(delegations)) {
    if (!guard.isObject(delegations)) throw new TypeError("delegations must be an object");
    parsedDelegations = (Delegations as unknown as { fromJSON(d: unknown): Delegations }).fromJSON(delegations);
  }
  return new Targets({
    ...commonFields,
    ...(parsedTargets ? { targets: parsedTargets } : {}),
    ...(parsedDelegations ? { delegations: parsedDelegations } : {}),
    unrecognizedFields: rest as never,
  });
}

function targetsToJSON(this: Targets): Json {
  const json: Json = {
    _type: this.type,
    spec_version: this.specVersion,
    version: this.version,
    expires: this.expires,
    targets: mapValues(this.targets, (_, t) => t.toJSON()),
    ...this.unrecognizedFields,
  };
  if (this.delegations) json.delegations = this.delegations.toJSON();
  return json;
}

function delegationsFromJSON(data: Json): Delegations {
  const { keys, roles, succinct_roles, ...unrecognizedFields } = data;
  const succinctRoles = guard.isObject(succinct_roles) ? SuccinctRoles.fromJSON(succinct_roles as never) : undefined;
  if (!guard.isObjectRecord(keys)) throw new TypeError("keys is malformed");
  let roleMap: Record<string, DelegatedRole> | undefined;
  if (guard.isDefined(roles)) {
    if (!guard.isObjectArray(roles)) throw new TypeError("roles is malformed");
    roleMap = Object.fromEntries(
      (roles as Json[]).map((r) => {
        const role = DelegatedRole.fromJSON(r as never);
        return [role.name, role];
      }),
    );
  }
  return new Delegations({
    keys: mapValues(keys as Record<string, Json>, (id, k) => Key.fromJSON(id, k as never)),
    ...(roleMap ? { roles: roleMap } : {}),
    unrecognizedFields: unrecognizedFields as never,
    ...(succinctRoles ? { succinctRoles } : {}),
  });
}

function delegationsToJSON(this: Delegations): Json {
  const json: Json = { keys: mapValues(this.keys, (_, k: Key) => k.toJSON()), ...this.unrecognizedFields };
  if (this.roles) json.roles = Object.values(this.roles).map((r: DelegatedRole) => r.toJSON());
  else if (this.succinctRoles) json.succinct_roles = this.succinctRoles.toJSON();
  return json;
}

export const LINEAR = { snapshotFromJSON, snapshotToJSON, targetsFromJSON, targetsToJSON, delegationsFromJSON, delegationsToJSON };

let installed = false;

/** Idempotent; called before any Updater is made. */
export function installLinearModels(): void {
  if (installed) return;
  installed = true;
  Object.assign(Snapshot, { fromJSON: snapshotFromJSON });
  Object.assign(Targets, { fromJSON: targetsFromJSON });
  Object.assign(Delegations, { fromJSON: delegationsFromJSON });
  Snapshot.prototype.toJSON = snapshotToJSON as never;
  Targets.prototype.toJSON = targetsToJSON as never;
  Delegations.prototype.toJSON = delegationsToJSON as never;
}

/** Runs `fn` with the original (quadratic) mappings in place, whatever is installed: for tests. */
export function withOriginalModels<T>(fn: () => T): T {
  const saved = [Snapshot.fromJSON, Targets.fromJSON, (Delegations as unknown as AnyCtor).fromJSON, Snapshot.prototype.toJSON, Targets.prototype.toJSON, Delegations.prototype.toJSON] as const;
  Object.assign(Snapshot, { fromJSON: ORIGINAL.snapshotFromJSON });
  Object.assign(Targets, { fromJSON: ORIGINAL.targetsFromJSON });
  Object.assign(Delegations, { fromJSON: ORIGINAL.delegationsFromJSON });
  Snapshot.prototype.toJSON = ORIGINAL.snapshotToJSON;
  Targets.prototype.toJSON = ORIGINAL.targetsToJSON;
  Delegations.prototype.toJSON = ORIGINAL.delegationsToJSON as never;
  try {
    return fn();
  } finally {
    Object.assign(Snapshot, { fromJSON: saved[0] });
    Object.assign(Targets, { fromJSON: saved[1] });
    Object.assign(Delegations, { fromJSON: saved[2] });
    Snapshot.prototype.toJSON = saved[3];
    Targets.prototype.toJSON = saved[4];
    Delegations.prototype.toJSON = saved[5] as never;
  }
}
