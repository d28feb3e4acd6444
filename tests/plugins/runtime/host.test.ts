// The plugin host as a real child process (bun + src/main.ts __plugin-host, under bwrap where
// it works): started only on first use, plugin failures as is_error results, a crash that
// rejects the call in flight and restarts on the next, and giving up after repeated crashes.
import { afterEach, describe, expect, test } from "bun:test";
import { existsSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { hostTools, pluginPaths, type PluginRuntime } from "../../../src/plugins/index.ts";
import { hostPlugin, hostProcesses, installPlugin, manifest, runtimeFor, tempDir, uniqueName } from "./fixtures.ts";

const open: PluginRuntime[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => r.close()));
});

const ctx = () => ({ signal: new AbortController().signal }) as Parameters<ReturnType<typeof hostTools>[number]["run"]>[1];

const HOST = `
export const tools = [
  { name: "echo", run: (input) => ({ content: "echo:" + input.text }) },
  { name: "boom", run: () => { throw new Error("the plugin broke on purpose"); } },
  { name: "die", run: () => process.exit(7) },
  { name: "pid", run: () => String(process.pid) },
  { name: "soft", run: () => ({ content: "not found", isError: true }) },
];
export const calls = { ctx: (params, ctx) => ({ params, ctx }) };
`;
const TOOLS = [{ name: "echo", inputSchema: { type: "object", properties: { text: { type: "string" } }, required: ["text"] } }, { name: "boom" }, { name: "die" }, { name: "pid" }, { name: "soft" }];

function setup(o: Parameters<typeof runtimeFor>[1] = {}) {
  const name = uniqueName("host");
  const dir = hostPlugin(name, HOST, TOOLS);
  const r = runtimeFor([dir], o);
  open.push(r.runtime);
  const tools = new Map(hostTools(r.runtime).map((t) => [t.name.split("__")[2] as string, t]));
  return { name, dir, ...r, tools, tool: (n: string) => tools.get(n) as NonNullable<ReturnType<typeof tools.get>> };
}

describe("lazy activation", () => {
  test("no host process exists until the first call; the call starts exactly one", async () => {
    const s = setup();
    expect(s.tools.size).toBe(5);
    expect(s.tool("echo").name).toBe(`plugin__${s.name}__echo`);
    // Whatever it declares, a plugin's tool is not taken at its word by the permission gate.
    expect(s.tool("echo").readOnlyClaimed).toBe(true);
    // The toolset (names and schemas) is known from the manifest alone.
    expect(hostProcesses(s.name)).toEqual([]);
    expect(s.runtime.startedHosts).toEqual([]);
    const r = await s.tool("echo").run({ text: "hi" }, ctx());
    expect(r).toMatchObject({ forModel: "echo:hi" });
    expect(r.isError).toBeUndefined();
    expect(hostProcesses(s.name).length).toBeGreaterThan(0);
    expect(s.runtime.host(s.name).starts).toBe(1);
    await s.tool("echo").run({ text: "again" }, ctx());
    expect(s.runtime.host(s.name).starts).toBe(1);
  });

  test("close stops the host process", async () => {
    const s = setup();
    await s.tool("echo").run({ text: "x" }, ctx());
    expect(hostProcesses(s.name).length).toBeGreaterThan(0);
    await s.runtime.close();
    for (let i = 0; i < 50 && hostProcesses(s.name).length; i++) await Bun.sleep(20);
    expect(hostProcesses(s.name)).toEqual([]);
  });

  test("close while a start waits out its crash backoff: close does not wait, and no host starts after it", async () => {
    const s = setup({ backoff: { baseMs: 5_000 } });
    await s.tool("die").run({}, ctx());
    const call = s.tool("echo").run({ text: "late" }, ctx());
    await Bun.sleep(50);
    const t0 = Date.now();
    await s.runtime.close();
    expect(Date.now() - t0).toBeLessThan(4_000);
    const r = await call;
    expect(r.isError).toBe(true);
    expect(r.forModel).toContain("the session is closing");
    expect(s.runtime.host(s.name).starts).toBe(1);
    expect(hostProcesses(s.name)).toEqual([]);
  });

  test("close while the first start is still being prepared leaves no host process", async () => {
    const s = setup();
    const call = s.tool("echo").run({ text: "early" }, ctx());
    await s.runtime.close();
    expect((await call).isError).toBe(true);
    await Bun.sleep(200);
    expect(s.runtime.host(s.name).starts).toBe(0);
    expect(hostProcesses(s.name)).toEqual([]);
  });
});

describe("stdout is the protocol's", () => {
  test("plugin code that writes to stdout directly (no newline) does not swallow the answer", async () => {
    const name = uniqueName("stdout");
    const dir = hostPlugin(
      name,
      `export const calls = {
         raw: () => { process.stdout.write("stray text without a newline"); return "raw answered"; },
         bun: async () => { await Bun.write(Bun.stdout, "stray Bun.write"); return "bun answered"; },
         log: () => { console.log("a log line"); console.info({ an: "object" }); return "log answered"; },
       };`,
      [],
    );
    const r = runtimeFor([dir], { timeoutMs: 5_000 });
    open.push(r.runtime);
    expect(await r.runtime.call(name, "raw")).toBe("raw answered");
    expect(await r.runtime.call(name, "bun")).toBe("bun answered");
    expect(await r.runtime.call(name, "log")).toBe("log answered");
    expect(r.runtime.host(name).starts).toBe(1);
  });
});

describe("failures are tool errors", () => {
  test("a host module that throws gives an is_error result naming the plugin and the tool; the host lives on", async () => {
    const s = setup();
    const r = await s.tool("boom").run({}, ctx());
    expect(r.isError).toBe(true);
    expect(r.forModel).toBe(`plugin ${s.name}: tool boom threw: the plugin broke on purpose`);
    expect((await s.tool("echo").run({ text: "still" }, ctx())).forModel).toBe("echo:still");
    expect(s.runtime.host(s.name).starts).toBe(1);
  });

  test("a tool's own { isError: true } answer stays an error result", async () => {
    const s = setup();
    expect(await s.tool("soft").run({}, ctx())).toMatchObject({ forModel: "not found", isError: true });
  });

  test("a host that exits mid-call: that call is an is_error result, the next call restarts the host and works", async () => {
    const s = setup({ backoff: { baseMs: 50 } });
    const before = Number((await s.tool("pid").run({}, ctx())).forModel);
    const r = await s.tool("die").run({}, ctx());
    expect(r.isError).toBe(true);
    expect(r.forModel).toContain(`plugin ${s.name}: its host exited with code 7`);
    expect(r.forModel).toContain("(during tools/call)");
    expect(s.notices.some((n) => n.includes("restarts on the next use"))).toBe(true);
    const after = await s.tool("echo").run({ text: "back" }, ctx());
    expect(after.forModel).toBe("echo:back");
    expect(s.runtime.host(s.name).starts).toBe(2);
    expect(Number((await s.tool("pid").run({}, ctx())).forModel)).toBeGreaterThan(0);
    expect(before).toBeGreaterThan(0);
  });

  test("after too many crashes in the window the host is given up, with one notice, and calls fail fast", async () => {
    const s = setup({ backoff: { baseMs: 10, maxCrashes: 2, windowMs: 60_000 } });
    await s.tool("die").run({}, ctx());
    await s.tool("die").run({}, ctx());
    const r = await s.tool("echo").run({ text: "x" }, ctx());
    expect(r.isError).toBe(true);
    expect(r.forModel).toContain("crashed 2 times");
    expect(s.notices.filter((n) => n.includes("disabled for this session"))).toHaveLength(1);
    expect(s.runtime.host(s.name).starts).toBe(2);
  });

  test("a huge tool answer reaches the model cut to its head and tail (one plugin cannot overflow the request)", async () => {
    const name = uniqueName("big");
    const dir = hostPlugin(name, `export const tools = [{ name: "big", run: () => "HEAD" + "x".repeat(5_000_000) + "TAIL" }];`, [{ name: "big" }]);
    const r = runtimeFor([dir]);
    open.push(r.runtime);
    const res = await hostTools(r.runtime)[0]?.run({}, ctx());
    const text = res?.forModel as string;
    expect(text.length).toBeLessThan(101_000);
    expect(text.startsWith("HEAD")).toBe(true);
    expect(text.endsWith("TAIL")).toBe(true);
    expect(text).toContain("characters of plugin tool output omitted");
  });

  test("a crash notice quotes a bounded piece of the host's last stderr line", async () => {
    const name = uniqueName("loud");
    const dir = hostPlugin(name, `export const calls = { die: () => { process.stderr.write("E".repeat(200_000) + "\\n", () => process.exit(4)); return new Promise(() => {}); } };`, []);
    const r = runtimeFor([dir]);
    open.push(r.runtime);
    await expect(r.runtime.call(name, "die")).rejects.toThrow("exited with code 4");
    const notice = r.notices.find((n) => n.includes("exited with code 4")) as string;
    expect(notice).toContain("EEEE");
    expect(notice.length).toBeLessThan(2_000);
  });

  test("a call that outlives its timeout is an error and the stuck host is stopped", async () => {
    const name = uniqueName("slow");
    const dir = hostPlugin(name, `export const tools = [{ name: "hang", run: () => new Promise(() => {}) }, { name: "ok", run: () => "ok" }];`, [{ name: "hang" }, { name: "ok" }]);
    const r = runtimeFor([dir], { timeoutMs: 3_000, backoff: { baseMs: 10 } });
    open.push(r.runtime);
    const [hang, ok] = hostTools(r.runtime);
    const res = await hang?.run({}, ctx());
    expect(res?.isError).toBe(true);
    expect(res?.forModel).toContain("tools/call timed out after 3 s; its host was stopped");
    expect((await ok?.run({}, ctx()))?.forModel).toBe("ok");
  });

  test("a host module that fails to import: every call says which module and why", async () => {
    const name = uniqueName("badmod");
    const dir = hostPlugin(name, "export const tools = [;", [{ name: "x" }]);
    const r = runtimeFor([dir]);
    open.push(r.runtime);
    const res = await hostTools(r.runtime)[0]?.run({}, ctx());
    expect(res?.isError).toBe(true);
    expect(res?.forModel).toContain(`host module ${join(dir, "host.js")} failed to load`);
  });
});

describe("calls and context", () => {
  test("call() reaches calls[name](params, ctx) with the plugin root, install id and cwd", async () => {
    const s = setup();
    const out = (await s.runtime.call(s.name, "ctx", { a: 1 })) as { params: unknown; ctx: Record<string, string> };
    expect(out.params).toEqual({ a: 1 });
    expect(out.ctx).toEqual({ pluginRoot: s.dir, installId: "test-install", cwd: s.dir });
  });

  test("an unknown call names what the plugin has", async () => {
    const s = setup();
    await expect(s.runtime.call(s.name, "nope")).rejects.toThrow('no call named "nope" (has: ctx)');
  });

  test("a plugin that is not loaded, or has no host module, is a clear error", async () => {
    const s = setup();
    expect(() => s.runtime.host("missing-plugin")).toThrow("no plugin named missing-plugin");
  });

  test("the host never inherits BUN_BE_BUN or the model key", async () => {
    const name = uniqueName("env");
    const dir = hostPlugin(name, `export const calls = { env: () => ({ bun: process.env.BUN_BE_BUN ?? null, key: process.env.ANTHROPIC_API_KEY ?? null, root: process.env.CLAUDE_PLUGIN_ROOT }) };`, []);
    const r = runtimeFor([dir], { env: { ...process.env, ANTHROPIC_API_KEY: "sk-secret" } });
    open.push(r.runtime);
    expect(await r.runtime.call(name, "env")).toEqual({ bun: null, key: null, root: dir });
  });
});

describe("sandbox", () => {
  const bwrapWorks = existsSync("/usr/bin/bwrap") && Bun.spawnSync(["bwrap", "--ro-bind", "/", "/", "--unshare-all", "true"]).exitCode === 0;

  test.if(bwrapWorks)("without write-files the project is read-only to the host; without network there is none", async () => {
    const name = uniqueName("sbx");
    const dir = hostPlugin(
      name,
      `import { writeFileSync } from "node:fs";
       export const calls = {
         write: (p, ctx) => { try { writeFileSync(ctx.cwd + "/from-plugin.txt", "x"); return "wrote"; } catch (e) { return e.code; } },
         net: async () => { try { await fetch("http://1.1.1.1", { signal: AbortSignal.timeout(2000) }); return "online"; } catch (e) { return "offline"; } },
       };`,
      [],
    );
    const r = runtimeFor([dir]);
    open.push(r.runtime);
    expect(await r.runtime.call(name, "write")).toBe("EROFS");
    expect(existsSync(join(dir, "from-plugin.txt"))).toBe(false);
    expect(await r.runtime.call(name, "net")).toBe("offline");
  });

  test.if(bwrapWorks)("with write-files the project is writable", async () => {
    const name = uniqueName("sbxw");
    const dir = hostPlugin(name, `import { writeFileSync } from "node:fs"; export const calls = { write: (p, ctx) => { writeFileSync(ctx.cwd + "/w.txt", "y"); return "wrote"; } };`, [], { capabilities: ["write-files"] });
    const r = runtimeFor([dir]);
    open.push(r.runtime);
    expect(await r.runtime.call(name, "write")).toBe("wrote");
    expect(existsSync(join(dir, "w.txt"))).toBe(true);
  });

  test.if(bwrapWorks)("installed, the capabilities approved at install shape the sandbox, not the manifest's own", async () => {
    const name = uniqueName("sbxi");
    const project = tempDir("keel-plugin-project-");
    // The manifest asks for writes and network; the person approved neither.
    const state = installPlugin(
      name,
      {
        "plugin.json": manifest(name, { capabilities: ["write-files", "network"], contributes: { hostModules: ["host.js"] } }),
        "host.js": `import { writeFileSync } from "node:fs";
          export const calls = { write: (p, ctx) => { try { writeFileSync(ctx.cwd + "/from-plugin.txt", "x"); return "wrote"; } catch (e) { return e.code; } } };`,
      },
      [],
    );
    const r = runtimeFor([], { paths: pluginPaths({ stateDir: state, cacheDir: join(state, "cache") }), cwd: project, projectDir: project });
    open.push(r.runtime);
    expect(r.runtime.plugin(name)?.capabilities).toEqual([]);
    expect(await r.runtime.call(name, "write")).toBe("EROFS");
    expect(existsSync(join(project, "from-plugin.txt"))).toBe(false);
  });

  test.if(bwrapWorks && existsSync("/run"))("without network, Unix sockets under /run (docker, D-Bus, agents) are out of reach", async () => {
    const sock = `/run/keel-test-${crypto.randomUUID().slice(0, 8)}.sock`;
    let listener: ReturnType<typeof Bun.listen> | undefined;
    try {
      listener = Bun.listen({ unix: sock, socket: { data: (s) => void s.write("pong") } });
    } catch {
      return; // /run not writable here: nothing to show.
    }
    try {
      const name = uniqueName("sbxs");
      const dir = hostPlugin(
        name,
        `export const calls = { connect: (p) => new Promise((resolve) => {
           Bun.connect({ unix: p.sock, socket: { open: (s) => s.write("ping"), data: () => resolve("connected"), error: () => resolve("refused") } }).catch((e) => resolve(e.code ?? "refused"));
         }) };`,
        [],
      );
      const r = runtimeFor([dir]);
      open.push(r.runtime);
      expect(await r.runtime.call(name, "connect", { sock })).not.toBe("connected");
    } finally {
      listener?.stop(true);
      rmSync(sock, { force: true });
    }
  });

  test("with the sandbox off the host runs plainly (settings.sandbox.enabled: false)", async () => {
    const name = uniqueName("plain");
    const dir = hostPlugin(name, `import { writeFileSync } from "node:fs"; export const calls = { write: (p, ctx) => { writeFileSync(ctx.cwd + "/p.txt", "z"); return process.pid; } };`, []);
    const r = runtimeFor([dir], { sandbox: false });
    open.push(r.runtime);
    const pid = (await r.runtime.call(name, "write")) as number;
    expect(hostProcesses(name)).toContain(pid);
    writeFileSync(join(dir, "seen"), "");
  });
});

describe("no orphans", () => {
  const bwrapWorks = existsSync("/usr/bin/bwrap") && Bun.spawnSync(["bwrap", "--ro-bind", "/", "/", "--unshare-all", "true"]).exitCode === 0;

  for (const sandbox of [false, ...(bwrapWorks ? [true] : [])]) {
    test(`a host dies with keel when keel is SIGKILLed (${sandbox ? "sandboxed" : "plain"})`, async () => {
      const name = uniqueName("orphan");
      const dir = hostPlugin(name, "export const calls = { pid: () => process.pid };", []);
      const fixtures = join(import.meta.dir, "fixtures.ts");
      const script = `
        import { runtimeFor } from ${JSON.stringify(fixtures)};
        const { runtime } = runtimeFor([${JSON.stringify(dir)}], { sandbox: ${sandbox} });
        await runtime.call(${JSON.stringify(name)}, "pid");
        console.log("started");
        setInterval(() => {}, 1000);`;
      const keel = Bun.spawn([process.execPath, "-e", script], { stdout: "pipe", stderr: "inherit" });
      const reader = keel.stdout.getReader();
      const { value } = await reader.read();
      expect(new TextDecoder().decode(value)).toContain("started");
      expect(hostProcesses(name).length).toBeGreaterThan(0);
      keel.kill("SIGKILL");
      await keel.exited;
      for (let i = 0; i < 200 && hostProcesses(name).length; i++) await Bun.sleep(25);
      expect(hostProcesses(name)).toEqual([]);
    });
  }
});
