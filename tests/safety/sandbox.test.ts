// Real bubblewrap: commands write inside the project and nowhere else, cannot touch
// .git/hooks or .keel, and reach the network only when it is allowed. Without a usable
// bwrap the cases skip and say why (CI installs it: .ci/run).
import { afterAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { detectSandbox, sandboxArgv, sandboxWrapper } from "../../src/safety/index.ts";

const status = await detectSandbox();
if (!status.available) console.log(`sandbox tests skipped: ${status.reason}`);

const project = mkdtempSync(join(tmpdir(), "keel-sbx-"));
mkdirSync(join(project, ".git", "hooks"), { recursive: true });
mkdirSync(join(project, ".keel"));
// Outside the project and outside /tmp (which is private inside the sandbox).
const outsideRoot = resolve(import.meta.dir, "../../.tmp");
mkdirSync(outsideRoot, { recursive: true });
const outside = mkdtempSync(join(outsideRoot, "sbx-outside-"));

const server = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response("pong") });
afterAll(() => server.stop(true));

async function sh(command: string, network = false): Promise<{ code: number; err: string }> {
  const wrap = sandboxWrapper({ projectDir: project, network });
  const argv = await wrap(["bash", "-c", command], { cwd: project });
  const p = Bun.spawn(argv, { cwd: project, stdout: "ignore", stderr: "pipe" });
  const [code, err] = await Promise.all([p.exited, new Response(p.stderr).text()]);
  return { code, err };
}

describe.skipIf(!status.available)("bubblewrap sandbox", () => {
  test("writes inside the project land on the host", async () => {
    expect((await sh("echo inside > made.txt")).code).toBe(0);
    expect(readFileSync(join(project, "made.txt"), "utf8")).toBe("inside\n");
  });

  test("writes outside the project fail and leave nothing behind", async () => {
    const r = await sh(`echo x > ${outside}/escaped.txt`);
    expect(r.code).not.toBe(0);
    // Read-only (the system) or absent (when the checkout itself sits under the private /tmp).
    expect(r.err).toMatch(/Read-only file system|No such file or directory/);
    expect(existsSync(join(outside, "escaped.txt"))).toBe(false);
  });

  test(".git/hooks and .keel stay read-only inside the project", async () => {
    expect((await sh("echo evil > .git/hooks/pre-commit")).code).not.toBe(0);
    expect((await sh("echo '{}' > .keel/settings.json")).code).not.toBe(0);
    expect(existsSync(join(project, ".git", "hooks", "pre-commit"))).toBe(false);
    expect(existsSync(join(project, ".keel", "settings.json"))).toBe(false);
  });

  // A Unix socket needs no network namespace: without the network, /run's (docker.sock …) are hidden.
  const runSocket = `/run/keel-sbx-${process.pid}.sock`;
  let listener: ReturnType<typeof Bun.listen> | undefined;
  try {
    listener = Bun.listen({ unix: runSocket, socket: { data() {} } });
  } catch {}
  afterAll(() => {
    listener?.stop(true);
    rmSync(runSocket, { force: true });
  });
  test.skipIf(!listener)("the Unix sockets under /run are out of reach unless the network is allowed", async () => {
    expect((await sh(`test -S ${runSocket}`)).code).not.toBe(0);
    expect((await sh(`test -S ${runSocket}`, true)).code).toBe(0);
  });

  test("no network unless allowed", async () => {
    const probe = `exec 3<>/dev/tcp/127.0.0.1/${server.port} && printf 'GET / HTTP/1.0\\r\\n\\r\\n' >&3 && grep -q pong <&3`;
    expect((await sh(probe)).code).not.toBe(0);
    expect((await sh(probe, true)).code).toBe(0);
  });
});

describe("sandboxArgv", () => {
  test("binds only what exists, re-binds protected paths read-only, shares the network only when allowed", () => {
    const exists = (p: string) => !p.endsWith(".keel");
    const argv = sandboxArgv("/usr/bin/bwrap", ["bash", "-c", "ls"], "/p/sub", { projectDir: "/p", exists });
    expect(argv.join(" ")).toBe(
      "/usr/bin/bwrap --ro-bind / / --dev /dev --proc /proc --tmpfs /tmp --tmpfs /run --bind /p /p --ro-bind /p/.git/hooks /p/.git/hooks --ro-bind /p/.git/config /p/.git/config --unshare-all --die-with-parent --new-session --chdir /p/sub -- bash -c ls",
    );
    const networked = sandboxArgv("bwrap", ["true"], "/p", { projectDir: "/p", network: true, exists });
    expect(networked).toContain("--share-net");
    // With the network, /run (resolvers, sockets) stays as the host has it.
    expect(networked.join(" ")).not.toContain("--tmpfs /run");
  });
});
