// The manifest inside a signed archive must say what the signed custom data says. The runtime
// reads the tree's own manifest (the host's sandbox from its capabilities, the flag gate from
// its flag, the plugin's name from its name), so a manifest that disagrees would let a tree do
// more than the person agreed to: it is refused at install, never reconciled at load.
import type { TargetCustom } from "../contracts.ts";
import { InstallError } from "./errors.ts";
import type { UnpackedFile } from "./unpack.ts";

const KEEL = "plugin.json";
const CLAUDE = ".claude-plugin/plugin.json";

function json(f: UnpackedFile, where: string): Record<string, unknown> {
  try {
    const v = JSON.parse(new TextDecoder().decode(f.data)) as unknown;
    if (typeof v === "object" && v !== null && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {}
  throw new InstallError(`${where}: its ${f.path} is not a valid JSON object`);
}

const shown = (v: unknown) => (v === undefined ? "(none)" : JSON.stringify(v));
const capSet = (v: unknown) => (Array.isArray(v) ? [...new Set(v.map(String))].sort() : v === undefined ? [] : v);

export function checkManifestAgrees(c: TargetCustom, files: readonly UnpackedFile[], where: string): void {
  const keel = files.find((f) => f.path === KEEL);
  const claude = files.find((f) => f.path === CLAUDE);
  if (c.format === "claude") {
    // The loader tries plugin.json first: in a Claude Code plugin it would define the plugin.
    if (keel) throw new InstallError(`${where}: signed as a Claude Code plugin but ships a ${KEEL} too, which would load it as a keel plugin with capabilities it declares itself; refused`);
    if (!claude) throw new InstallError(`${where}: has no ${CLAUDE}, which its signed format (claude) needs`);
    const m = json(claude, where);
    if (m.name !== c.name || (m.version !== undefined && m.version !== c.version)) {
      const says = [m.name, m.version].filter((x) => x !== undefined).map(String).join(" ");
      throw new InstallError(`${where}: its ${CLAUDE} says ${says}, not what was signed`);
    }
    return;
  }
  if (!keel) throw new InstallError(`${where}: has no ${KEEL}, which its signed format (keel) needs`);
  const m = json(keel, where);
  if (m.name !== c.name || m.version !== c.version) throw new InstallError(`${where}: its ${KEEL} says ${String(m.name)} ${String(m.version)}, not what was signed`);
  if (m.publisher !== c.publisher) throw new InstallError(`${where}: its ${KEEL} names publisher ${shown(m.publisher)}, but ${JSON.stringify(c.publisher)} signed it`);
  const declared = capSet(m.capabilities);
  const signedCaps = capSet(c.capabilities);
  if (JSON.stringify(declared) !== JSON.stringify(signedCaps)) {
    throw new InstallError(`${where}: its ${KEEL} declares capabilities ${JSON.stringify(declared)}, but ${JSON.stringify(signedCaps)} were signed`);
  }
  if (m.flag !== c.flag) throw new InstallError(`${where}: its ${KEEL} has flag ${shown(m.flag)}, but ${shown(c.flag)} was signed`);
}
