// How a host is started, as pure functions: keel re-executing itself (from source here), the
// environment it withholds, and the bubblewrap command line each capability set gets.
import { expect, test } from "bun:test";
import { resolve } from "node:path";
import { HOST_ARG, hostEnv, isCompiled, sandboxedArgv, selfArgv } from "../../../src/plugins/host/index.ts";

test("from source, keel re-executes as bun + src/main.ts (in the binary: the binary alone)", () => {
  expect(isCompiled()).toBe(false);
  expect(selfArgv()).toEqual([process.execPath, resolve(import.meta.dir, "../../../src/main.ts")]);
});

test("the host environment drops BUN_BE_BUN and model keys, and names the plugin root", () => {
  const env = hostEnv({ PATH: "/bin", BUN_BE_BUN: "1", ANTHROPIC_API_KEY: "sk", ANTHROPIC_AUTH_TOKEN: "t", ANTHROPIC_BASE_URL: "http://x", HOME: undefined }, "/plug");
  expect(env).toEqual({ PATH: "/bin", ANTHROPIC_BASE_URL: "http://x", CLAUDE_PLUGIN_ROOT: "/plug", KEEL_PLUGIN_ROOT: "/plug" });
});

const argv = ["/tmp/bin/keel", HOST_ARG, "p"];
const plan = (capabilities: string[]) => ({ bwrap: "/usr/bin/bwrap", pluginRoot: "/tmp/plug", projectDir: "/work/proj", capabilities: capabilities as never, exists: () => true });

test.each([
  [[], ["--ro-bind", "/work/proj", "/work/proj"], false],
  [["write-files"], ["--bind", "/work/proj", "/work/proj"], false],
  [["network"], ["--ro-bind", "/work/proj", "/work/proj"], true],
  [["write-files", "network"], ["--bind", "/work/proj", "/work/proj"], true],
])("capabilities %j: project %j, network %p", (caps, projectBind, net) => {
  const a = sandboxedArgv(argv, "/work/proj", plan(caps));
  const joined = a.join(" ");
  expect(joined).toContain(projectBind.join(" "));
  expect(a.includes("--share-net")).toBe(net);
  // A Unix socket is reachable through a read-only bind (docker.sock, D-Bus): without network, /run is a private tmpfs.
  expect(joined.includes("--tmpfs /run")).toBe(!net);
  expect(a).toContain("--unshare-all");
  expect(a).toContain("--die-with-parent");
  // /tmp is private, so the binary and the plugin (both under /tmp here) are bound back in after it.
  expect(joined.indexOf("--tmpfs /tmp")).toBeLessThan(joined.indexOf("--ro-bind /tmp/bin/keel /tmp/bin/keel"));
  expect(joined).toContain("--ro-bind /tmp/plug /tmp/plug");
  expect(a.slice(-4)).toEqual(["--", ...argv]);
});

test("from source under /tmp, the whole checkout (src/ and node_modules/) is bound back in, not main.ts alone", () => {
  // CI may clone anywhere, /tmp included: the host imports every module of the tree, and bun lives in node_modules.
  const fromSource = ["/tmp/ci/keel/node_modules/bun/bin/bun", "/tmp/ci/keel/src/main.ts", HOST_ARG, "p"];
  const joined = sandboxedArgv(fromSource, "/work/proj", plan([])).join(" ");
  expect(joined).toContain("--ro-bind /tmp/ci/keel /tmp/ci/keel");
  expect(joined).not.toContain("--ro-bind /tmp/ci/keel/src/main.ts");
});
