// An unsigned plugin directory read into memory, under the same rules as an archive: regular
// files and directories only, safe paths, capped in count and size. Nothing vouches for the
// bytes, so the install records their hashes as found and says plainly that it is unsigned.
import { lstatSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { InstallError } from "./errors.ts";
import { assertSafePath } from "./safe-path.ts";
import { sha256Hex } from "./tree-hash.ts";
import { LIMITS, type UnpackedFile } from "./unpack.ts";

/** Directories that are never part of a plugin (version control and OS litter). */
const SKIP = new Set([".git", ".DS_Store"]);

export function readPluginDir(root: string): UnpackedFile[] {
  const out: UnpackedFile[] = [];
  let bytes = 0;
  const visit = (rel: string) => {
    let names: string[];
    try {
      names = readdirSync(join(root, rel)).sort();
    } catch (e) {
      throw new InstallError(`${join(root, rel)}: cannot be read: ${(e as Error).message}`);
    }
    for (const name of names) {
      if (SKIP.has(name)) continue;
      const p = rel ? `${rel}/${name}` : name;
      assertSafePath(p, root);
      const full = join(root, p);
      const st = lstatSync(full);
      if (st.isDirectory()) {
        visit(p);
        continue;
      }
      if (!st.isFile()) throw new InstallError(`${full}: only regular files and directories are accepted (this is a ${st.isSymbolicLink() ? "symbolic link" : "special file"})`);
      if (out.length >= LIMITS.maxFiles) throw new InstallError(`${root}: more than ${LIMITS.maxFiles} files`);
      bytes += st.size;
      if (bytes > LIMITS.maxUnpackedBytes) throw new InstallError(`${root}: more than ${LIMITS.maxUnpackedBytes} bytes of files`);
      const data = readFileSync(full);
      // Only the executable bit carries meaning for a plugin; normalise the rest as git does.
      out.push({ path: p, sha256: sha256Hex(data), size: data.length, mode: st.mode & 0o111 ? 0o755 : 0o644, data });
    }
  };
  visit("");
  if (out.length === 0) throw new InstallError(`${root}: the plugin directory holds no files`);
  return out;
}
