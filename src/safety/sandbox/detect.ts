// Is an OS sandbox usable here? bubblewrap on PATH is not enough (containers often forbid
// the namespaces it needs): a real trial run decides, once per process.

export type SandboxStatus = { available: true; bwrap: string } | { available: false; reason: string; bwrap?: string };

let cached: Promise<SandboxStatus> | undefined;

export function detectSandbox(): Promise<SandboxStatus> {
  return (cached ??= probe());
}

async function probe(): Promise<SandboxStatus> {
  if (process.platform !== "linux") return { available: false, reason: `no sandbox for ${process.platform} yet (bubblewrap is Linux-only)` };
  const bwrap = Bun.which("bwrap");
  if (!bwrap) return { available: false, reason: "bubblewrap (bwrap) is not installed" };
  const proc = Bun.spawn([bwrap, "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--unshare-all", "--die-with-parent", "true"], {
    stdout: "ignore",
    stderr: "pipe",
  });
  const timer = setTimeout(() => proc.kill(), 3000);
  const [code, err] = await Promise.all([proc.exited, new Response(proc.stderr).text()]);
  clearTimeout(timer);
  if (code === 0) return { available: true, bwrap };
  return { available: false, bwrap, reason: `bubblewrap cannot create a sandbox here: ${err.trim().split("\n")[0] || `exit ${code}`}` };
}
