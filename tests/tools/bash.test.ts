import { afterAll, describe, expect, test } from "bun:test";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { stopBackgroundShells } from "../../src/tools/index.ts";
import { call, makeCtx, tempDir, text, removeTempDirs } from "./helpers.ts";

afterAll(removeTempDirs);

/** True once the process is gone (a zombie nobody reaps counts as gone). */
function dead(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z");
  } catch {
    return true;
  }
}

async function waitFor(cond: () => boolean | Promise<boolean>, what: string, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await Bun.sleep(25);
  }
}

const pidIn = (file: string) => Number(readFileSync(file, "utf8").trim());

describe("Bash", () => {
  test("runs in the session cwd and reports output and exit code", async () => {
    const dir = tempDir();
    const r = await call("Bash", { command: "pwd; echo out; echo err >&2; exit 3", description: "test" }, makeCtx(dir));
    expect(text(r)).toBe(`${dir}\nout\nerr\nExit code 3`);
    expect(r.isError).toBe(true);
    expect((r.forDisplay as { stderr: string }).stderr).toBe("err\n");
    const ok = await call("Bash", { command: "true" }, makeCtx(dir));
    expect(ok.isError).toBe(false);
    expect(text(ok)).toBe("(no output)");
  });

  test("a timeout kills the whole process tree", async () => {
    const dir = tempDir();
    const pidFile = join(dir, "grandchild.pid");
    const r = await call("Bash", { command: `sleep 300 & echo $! > ${pidFile}; wait`, timeout: 300 }, makeCtx(dir));
    expect(r.isError).toBe(true);
    expect(text(r)).toContain("timed out after 300 ms");
    await waitFor(() => existsSync(pidFile), "pid file");
    await waitFor(() => dead(pidIn(pidFile)), "the grandchild to die");
  });

  test("aborting ctx.signal interrupts the command and its children", async () => {
    const dir = tempDir();
    const pidFile = join(dir, "child.pid");
    const ac = new AbortController();
    const running = call("Bash", { command: `sleep 300 & echo $! > ${pidFile}; wait` }, makeCtx(dir, { signal: ac.signal }));
    await waitFor(() => existsSync(pidFile) && readFileSync(pidFile, "utf8").trim() !== "", "the command to start");
    ac.abort();
    const r = await running;
    expect(r.isError).toBe(true);
    expect(text(r)).toContain("interrupted");
    await waitFor(() => dead(pidIn(pidFile)), "the child to die");
  });

  test("output is capped: head and tail kept, the middle marked", async () => {
    const dir = tempDir();
    const r = await call("Bash", { command: "echo START; head -c 200000 /dev/zero | tr '\\0' a; echo; echo END" }, makeCtx(dir));
    const out = text(r);
    expect(out.length).toBeLessThan(31_000);
    expect(out).toStartWith("START\n");
    expect(out).toEndWith("END");
    expect(out).toMatch(/\[\d+ characters of output omitted\]/);
  });

  test("ctx.wrapCommand rewrites the argv before spawning (the sandbox hook)", async () => {
    const dir = tempDir();
    const seen: string[][] = [];
    const ctx = makeCtx(dir, {
      wrapCommand: (argv, info) => {
        seen.push(argv);
        expect(info.cwd).toBe(dir);
        return ["env", "KEEL_WRAPPED=yes", ...argv];
      },
    });
    const r = await call("Bash", { command: "echo $KEEL_WRAPPED" }, ctx);
    expect(text(r)).toBe("yes");
    expect(seen).toEqual([["bash", "-c", "echo $KEEL_WRAPPED"]]);
    const refused = await call("Bash", { command: "echo hi" }, makeCtx(dir, { wrapCommand: () => Promise.reject(new Error("sandbox unavailable")) }));
    expect(refused.isError).toBe(true);
    expect(text(refused)).toBe("Command not run: sandbox unavailable");
  });

  test("a missing cwd, an empty command and a NUL byte are clear errors", async () => {
    const dir = tempDir();
    expect(text(await call("Bash", { command: "echo hi" }, makeCtx(join(dir, "gone"))))).toContain("Could not start bash");
    expect(text(await call("Bash", { command: "  " }, makeCtx(dir)))).toContain("command is empty");
    expect(text(await call("Bash", { command: "echo \0" }, makeCtx(dir)))).toContain("NUL byte");
  });
});

describe("background shells", () => {
  test("run_in_background returns an id; BashOutput returns only new output; KillShell stops the tree", async () => {
    const dir = tempDir();
    const ctx = makeCtx(dir);
    const pidFile = join(dir, "bg.pid");
    const started = await call("Bash", { command: `echo one; sleep 300 & echo $! > ${pidFile}; echo two; wait`, run_in_background: true }, ctx);
    const id = /ID: (\S+)\./.exec(text(started))?.[1] as string;
    expect(id).toBe("bash_1");

    let seen = "";
    await waitFor(async () => {
      seen += text(await call("BashOutput", { bash_id: id }, ctx));
      return seen.includes("two");
    }, "background output");
    expect(seen).toContain("<status>running</status>");
    expect(seen).toContain("one");
    const again = text(await call("BashOutput", { bash_id: id }, ctx));
    expect(again).not.toContain("one");
    expect(again).toContain("(no new output)");

    const killed = await call("KillShell", { shell_id: id }, ctx);
    expect(text(killed)).toContain(`Successfully killed shell: ${id}`);
    await waitFor(() => dead(pidIn(pidFile)), "the background child to die");
    expect(text(await call("BashOutput", { bash_id: id }, ctx))).toContain("<status>killed</status>");
    const twice = await call("KillShell", { shell_id: id }, ctx);
    expect(twice.isError).toBe(true);
    expect(text(twice)).toContain("is not running");
  });

  test("a finished job reports its exit code; filter keeps matching lines", async () => {
    const dir = tempDir();
    const ctx = makeCtx(dir);
    await call("Bash", { command: "printf 'ok 1\\nbad 2\\nok 3\\n'; exit 4", run_in_background: true }, ctx);
    let out = "";
    await waitFor(async () => {
      out += text(await call("BashOutput", { bash_id: "bash_1", filter: "^ok" }, ctx));
      return out.includes("<status>failed</status>");
    }, "the job to finish");
    // Each read returns only what is new, so the lines may arrive over several reads.
    const lines = [...out.matchAll(/<stdout>\n([\s\S]*?)\n<\/stdout>/g)].flatMap((m) => (m[1] as string).split("\n"));
    expect(lines).toEqual(["ok 1", "ok 3"]);
    expect(out).not.toContain("bad 2");
    expect(out).toContain("<exit_code>4</exit_code>");
  });

  test("unknown ids and a bad filter are clear errors", async () => {
    const ctx = makeCtx(tempDir());
    expect(text(await call("BashOutput", { bash_id: "bash_9" }, ctx))).toContain('No background shell with id "bash_9"');
    expect(text(await call("KillShell", { shell_id: "nope" }, ctx))).toContain("No background shell");
    await call("Bash", { command: "true", run_in_background: true }, ctx);
    expect(text(await call("BashOutput", { bash_id: "bash_1", filter: "(" }, ctx))).toContain("not a valid regular expression");
  });

  test("stopBackgroundShells with nothing running leaves nothing that holds the process open", async () => {
    // With a 60 s wait, a leftover timer would keep this child alive for a minute; it must exit on its own.
    const mod = join(import.meta.dir, "../../src/tools/index.ts");
    const child = Bun.spawn([process.execPath, "-e", `const { stopBackgroundShells } = await import(${JSON.stringify(mod)}); await stopBackgroundShells(new Map(), 60_000);`], { stdout: "ignore", stderr: "inherit" });
    const outcome = await Promise.race([child.exited.then(() => "exited"), Bun.sleep(3_000).then(() => "still running")]);
    child.kill();
    expect(outcome).toBe("exited");
  });

  test("stopBackgroundShells ends every running job of the session", async () => {
    const dir = tempDir();
    const ctx = makeCtx(dir);
    const pids = [join(dir, "1.pid"), join(dir, "2.pid")];
    for (const p of pids) await call("Bash", { command: `sleep 300 & echo $! > ${p}; wait`, run_in_background: true }, ctx);
    await waitFor(() => pids.every((p) => existsSync(p) && readFileSync(p, "utf8").trim() !== ""), "jobs to start");
    await stopBackgroundShells(ctx.store);
    await waitFor(() => pids.every((p) => dead(pidIn(p))), "all jobs to die");
  });
});
