// Speculative execution over a real overlayfs mount: the project is untouched while the
// session runs; reject leaves it byte-identical; approve yields exactly the merged view
// the person saw; a crash mid-approve leaves every file either old or new, never torn.
import { describe, expect, test } from "bun:test";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { approve, createOverlay, listChanges, overlayArgv, overlaySupport, reject, renderDiff } from "../../src/overlay/index.ts";

const support = await overlaySupport();
if (!support.available) console.log(`overlay tests skipped: ${support.reason}`);

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = createHash("sha256").update(readFileSync(p)).digest("hex");
    }
  };
  walk(dir);
  return out;
}

function project(): { root: string; state: string } {
  const base = mkdtempSync(join(tmpdir(), "keel-ov-"));
  const root = join(base, "proj");
  mkdirSync(join(root, "dir"), { recursive: true });
  writeFileSync(join(root, "a.txt"), "one\ntwo\nthree\n");
  writeFileSync(join(root, "dir", "b.txt"), "keep\n");
  writeFileSync(join(root, "del.txt"), "bye\n");
  return { root, state: join(base, "state") };
}

async function inOverlay(o: { root: string; upper: string; work: string }, command: string): Promise<string> {
  const p = Bun.spawn(overlayArgv(o, ["bash", "-c", command]), { cwd: o.root, stdout: "pipe", stderr: "pipe" });
  const [out, err, code] = await Promise.all([new Response(p.stdout).text(), new Response(p.stderr).text(), p.exited]);
  if (code !== 0) throw new Error(`overlay command failed (${code}): ${err}`);
  return out;
}

const EDIT = `cd "$1" 2>/dev/null; sed -i 's/two/TWO/' a.txt && echo fresh > new.txt && rm del.txt && mkdir -p x/y && echo deep > x/y/z.txt`;
/** The merged view as the session sees it: path → sha256. */
const MERGED = `cd "$0" && find . -type f -print0 | sort -z | xargs -0 sha256sum`;

describe.skipIf(!support.available)("overlay", () => {
  test("changes land in the overlay; the project stays byte-identical; the diff shows them", async () => {
    const { root, state } = project();
    const before = snapshot(root);
    const o = createOverlay(state, root);
    await inOverlay(o, `cd ${root} && ${EDIT}`);
    expect(snapshot(root)).toEqual(before);
    expect(listChanges(root, o.upper)).toEqual([
      { path: "a.txt", kind: "modified" },
      { path: "del.txt", kind: "deleted" },
      { path: "new.txt", kind: "added" },
      { path: "x/y/z.txt", kind: "added" },
    ]);
    const diff = renderDiff(root, o.upper, listChanges(root, o.upper));
    expect(diff).toContain("--- a/a.txt\n+++ b/a.txt\n@@ -1,4 +1,4 @@\n one\n-two\n+TWO\n three");
    expect(diff).toContain("--- a/del.txt\n+++ /dev/null");
    expect(diff).toContain("--- /dev/null\n+++ b/x/y/z.txt");
  });

  test("reject leaves the tree byte-identical and the overlay gone", async () => {
    const { root, state } = project();
    const before = snapshot(root);
    const o = createOverlay(state, root);
    await inOverlay(o, `cd ${root} && ${EDIT}`);
    reject(o);
    expect(snapshot(root)).toEqual(before);
    expect(existsSync(o.dir)).toBe(false);
  });

  test("approve yields exactly the merged view the session saw", async () => {
    const { root, state } = project();
    const o = createOverlay(state, root);
    await inOverlay(o, `cd ${root} && ${EDIT}`);
    const seen = await inOverlay(o, MERGED.replace('"$0"', root));
    approve(o, listChanges(root, o.upper));
    const after = snapshot(root);
    const parsed = Object.fromEntries(seen.trim().split("\n").map((l) => { const [hash, path] = l.split(/\s+/); return [(path as string).replace(/^\.\//, ""), hash as string]; })) as Record<string, string>;
    expect(after).toEqual(parsed);
    expect(readFileSync(join(root, "a.txt"), "utf8")).toBe("one\nTWO\nthree\n");
    expect(existsSync(join(root, "del.txt"))).toBe(false);
    expect(existsSync(o.dir)).toBe(false);
  });

  test("a crash (SIGKILL) mid-approve leaves every file whole: old or new, never torn", async () => {
    const { root, state } = project();
    const N = 400;
    const oldBody = (i: number) => `old ${i}\n`.repeat(4000);
    const newBody = (i: number) => `new ${i}\n`.repeat(5000);
    for (let i = 0; i < N; i++) writeFileSync(join(root, `f${i}.txt`), oldBody(i));
    const o = createOverlay(state, root);
    await inOverlay(o, `cd ${root} && for i in $(seq 0 ${N - 1}); do yes "new $i" | head -n 5000 > f$i.txt; done`);
    const overlayModule = resolve(import.meta.dir, "../../src/overlay/index.ts");
    const script = `
      const { approve, listChanges, openOverlay } = await import(${JSON.stringify(overlayModule)});
      const o = openOverlay(${JSON.stringify(state)}, ${JSON.stringify(o.id)});
      approve(o, listChanges(o.root, o.upper), () => process.stdout.write("."));`;
    const child = Bun.spawn([process.execPath, "-e", script], { stdout: "pipe", stderr: "inherit" });
    const reader = child.stdout.getReader();
    let applied = 0;
    while (applied < 40) {
      const { value, done } = await reader.read();
      if (done) break;
      applied += value.length;
    }
    child.kill("SIGKILL");
    await child.exited;
    let olds = 0;
    let news = 0;
    for (let i = 0; i < N; i++) {
      const body = readFileSync(join(root, `f${i}.txt`), "utf8");
      if (body === oldBody(i)) olds++;
      else if (body === newBody(i)) news++;
      else throw new Error(`f${i}.txt is torn (${body.length} bytes)`);
    }
    expect(news).toBeGreaterThanOrEqual(40);
    expect(olds).toBeGreaterThan(0);
  });
});
