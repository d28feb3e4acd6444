// Turns what tuf-js throws into one line a person can act on: which file, which check, and
// the attack that check exists to stop. tuf-js wraps some errors in RuntimeError strings, so
// the classification reads the message text as well as the class.
import { RegistryError } from "./types.ts";
import { TooLongError, UnreachableError } from "./transport.ts";

const RULES: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/(\S+) was signed by (\d+)\/(\d+) keys/, (m) => `${m[1]} metadata is signed by ${m[2]} of the ${m[3]} trusted keys it needs (bad or missing signatures)`],
  [/multiple signatures found for keyid: (\w+)/, (m) => `one key (${m[1]?.slice(0, 12)}…) signs twice: a key may count only once toward a threshold`],
  [/Expected version (\d+), got (\d+)/, (m) => `root version ${m[2]} was served where ${m[1]} was due (skipped or replayed root versions)`],
  [/New timestamp version (\d+) is less than current version (\d+)/, (m) => `timestamp version ${m[1]} is older than the trusted version ${m[2]} (rollback)`],
  [/New snapshot version (\d+) is less than current version (\d+)/, (m) => `timestamp names snapshot version ${m[1]}, older than the trusted version ${m[2]} (rollback)`],
  [/New version (\d+) of (\S+) is less than current version (\d+)/, (m) => `snapshot names ${m[2]} version ${m[1]}, older than the trusted version ${m[3]} (rollback)`],
  [/Final root\.json is expired/, () => "root metadata has expired (freeze: the registry is stale or replayed)"],
  [/Final timestamp\.json is expired/, () => "timestamp metadata has expired (freeze: the registry is stale or replayed)"],
  [/(\S+)\.json is expired/, (m) => `${m[1]} metadata has expired (freeze: the registry is stale or replayed)`],
  [/Snapshot version doesn't match timestamp/, () => "the snapshot is not the version the timestamp names (mix and match)"],
  [/Version (\d+) of (\S+) does not match snapshot version (\d+)/, (m) => `${m[2]} version ${m[1]} is not the version ${m[3]} the snapshot names (mix and match)`],
  [/Expected (?:length|hash) \S+ but got/, () => "the file does not match the length and hash its parent role signed for it (tampered, or mixed and matched)"],
  [/Hash algorithm (\S+) not supported/, (m) => `the metadata pins a ${m[1]} hash, which keel does not check (sha256 only)`],
  [/Missing (\S+) in snapshot/, (m) => `the snapshot does not list ${m[1]}`],
  [/Missing file (\S+) in new snapshot/, (m) => `the new snapshot drops ${m[1]} (rollback)`],
  [/no delegation found for (\S+)/i, (m) => `no role delegates ${m[1]}`],
  [/Unsupported specVersion|Failed to parse specVersion/, () => "the metadata's spec_version is not TUF 1.x"],
  [/Unexpected token|JSON/, () => "the file is not valid JSON metadata"],
];

/** The source could not be reached: the one failure a valid cache may stand in for. */
export class SourceUnreachableError extends RegistryError {}

/** `where` names the registry; `file` the metadata file being checked when it failed. */
export function explain(e: unknown, where: string, file: string | undefined): RegistryError {
  if (e instanceof RegistryError) return e;
  const at = file ? `${file}: ` : "";
  if (e instanceof TooLongError) return new RegistryError(`${where}: ${e.rel} is larger than the ${e.maxLength} bytes allowed for it (oversized or endless data); refused`);
  if (e instanceof UnreachableError) return new SourceUnreachableError(`${where}: unreachable: ${e.message}`);
  const text = e instanceof Error ? e.message : String(e);
  // tuf-js wraps download and verify errors as "Unable to load … error <Name>: <message>".
  const inner = text.replace(/^Unable to load [a-z ]+ error (?:\w*Error: )?/i, "");
  for (const [re, say] of RULES) {
    const m = inner.match(re);
    if (m) return new RegistryError(`${where}: ${at}${say(m)}; nothing was trusted`);
  }
  return new RegistryError(`${where}: ${at}${inner}; nothing was trusted`);
}
