// Running a process over an overlay of the project: a private user + mount namespace
// (unshare -Urm) in which overlayfs is mounted on the project path itself, so the process
// — keel's own file tools and every command it spawns, sandboxed or not — sees the merged
// view while each write lands in the upper dir.
import type { OverlayDirs } from "./store.ts";

/**
 * Mounts the overlay over $1 and execs the rest of the arguments. A cwd inside the project
 * still points below the new mount, so the script enters its own path again first.
 */
const MOUNT_SCRIPT = 'here="$(pwd -P)" && mount -t overlay overlay -o "lowerdir=$1,upperdir=$2,workdir=$3" "$1" && cd "$here" && shift 3 && exec "$@"';

export function overlayArgv(o: Pick<OverlayDirs, "root" | "upper" | "work">, argv: readonly string[]): string[] {
  return ["unshare", "-Urm", "--propagation", "private", "sh", "-c", MOUNT_SCRIPT, "keel-overlay", o.root, o.upper, o.work, ...argv];
}

export type OverlaySupport = { available: true } | { available: false; reason: string };

let cached: Promise<OverlaySupport> | undefined;

/** A real trial mount, once per process: kernels and containers differ. */
export function overlaySupport(): Promise<OverlaySupport> {
  return (cached ??= (async () => {
    if (process.platform !== "linux") return { available: false, reason: "speculative execution needs Linux overlayfs" };
    if (!Bun.which("unshare")) return { available: false, reason: "unshare (util-linux) is not installed" };
    const { mkdtempSync, mkdirSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const base = mkdtempSync(join(tmpdir(), "keel-ovprobe-"));
    const dirs = { root: join(base, "l"), upper: join(base, "u"), work: join(base, "w") };
    for (const d of Object.values(dirs)) mkdirSync(d);
    const p = Bun.spawn(overlayArgv(dirs, ["true"]), { stdout: "ignore", stderr: "pipe" });
    const [code, err] = await Promise.all([p.exited, new Response(p.stderr).text()]);
    rmSync(base, { recursive: true, force: true });
    return code === 0 ? { available: true } : { available: false, reason: `cannot mount an overlay here: ${err.trim().split("\n")[0] || `exit ${code}`}` };
  })());
}
