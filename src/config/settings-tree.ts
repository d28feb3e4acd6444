// Plain-object helpers for settings: dot-path access and the layer merge (objects merge
// deeply, scalars and most arrays take the higher layer, permission lists accumulate).

export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Arrays that accumulate across layers instead of being replaced. */
const ACCUMULATE = new Set(["permissions.allow", "permissions.ask", "permissions.deny", "permissions.additionalDirectories"]);

export function getPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.split(".")) {
    if (!isPlainObject(cur)) return undefined;
    cur = cur[part];
  }
  return cur;
}

/** A copy of `obj` with `value` at `path` (undefined removes it, and empty parents with it). */
export function withPath(obj: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const [head, ...rest] = path.split(".") as [string, ...string[]];
  const out = { ...obj };
  if (rest.length === 0) {
    if (value === undefined) delete out[head];
    else out[head] = value;
    return out;
  }
  const child = withPath(isPlainObject(obj[head]) ? (obj[head] as Record<string, unknown>) : {}, rest.join("."), value);
  if (Object.keys(child).length === 0) delete out[head];
  else out[head] = child;
  return out;
}

function merge(lower: unknown, higher: unknown, path: string): unknown {
  if (isPlainObject(lower) && isPlainObject(higher)) {
    const out: Record<string, unknown> = { ...lower };
    for (const [k, v] of Object.entries(higher)) out[k] = merge(lower[k], v, path ? `${path}.${k}` : k);
    return out;
  }
  if (ACCUMULATE.has(path) && Array.isArray(lower) && Array.isArray(higher)) return [...new Set([...higher, ...lower])];
  return higher === undefined ? lower : higher;
}

/** Merges layers given lowest precedence first. */
export function mergeSettings(layersLowestFirst: readonly Record<string, unknown>[]): Record<string, unknown> {
  return layersLowestFirst.reduce<Record<string, unknown>>((acc, l) => merge(acc, l, "") as Record<string, unknown>, {});
}

/** Every leaf path of an object (arrays are leaves), for `config list`. */
export function leafPaths(obj: Record<string, unknown>, prefix = ""): string[] {
  return Object.entries(obj).flatMap(([k, v]) => {
    const p = prefix ? `${prefix}.${k}` : k;
    return isPlainObject(v) && Object.keys(v).length ? leafPaths(v, p) : [p];
  });
}
