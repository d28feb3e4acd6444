// bash itself as the judge of the analysis's parser: `bash -n -c` on every corpus command,
// prefixes of them (mostly unfinished lines) and seeded mutations (quotes, operators and
// reserved words dropped in at random). A line bash rejects must be a parse error for us —
// bash would run none of it, so a parse that reads commands into it reads the wrong ones.
// The other way round (we reject, bash accepts) is allowed where bash defers the parse to
// run time — inside `…` and heredoc bodies — and is reported and bounded.
import { describe, expect, test } from "bun:test";
import { parseBash } from "../../src/safety/index.ts";
import { HOSTILE } from "./corpus/hostile.ts";
import { ORDINARY } from "./corpus/ordinary.ts";

const PIECES = [..."'\"$(){}|&;<>`\\\n #*[]!=~", "$(", "${", "<<", "&&", "||", ";;", "((", "))", "[[", "]]", " if ", " then ", " fi ", " do ", " done ", " case ", " in ", " esac ", "<<EOF\n", "\nEOF\n", "\\\n"];

/** mulberry32: the same mutations on every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function inputs(): string[] {
  const base = [...ORDINARY, ...HOSTILE.map(([c]) => c)].filter((c) => !c.includes("\0"));
  const out = new Set(base);
  for (const c of base) for (let i = 3; i < c.length; i += 4) out.add(c.slice(0, i));
  const rnd = random(6);
  for (let k = 0; k < 1500; k++) {
    let c = base[Math.floor(rnd() * base.length)] as string;
    for (let e = 1 + Math.floor(rnd() * 3); e > 0; e--) {
      const at = Math.floor(rnd() * (c.length + 1));
      const op = rnd();
      const piece = PIECES[Math.floor(rnd() * PIECES.length)] as string;
      c = c.slice(0, at) + (op < 0.8 ? piece : "") + c.slice(op < 0.5 ? at : at + 1);
    }
    out.add(c);
  }
  return [...out];
}

/** bash -n: does bash parse it (a here-document cut short is only a warning to bash; to us it is an error). */
async function bashParses(command: string): Promise<boolean> {
  const child = Bun.spawn(["bash", "-n", "-c", command], { stdout: "ignore", stderr: "pipe" });
  const [code, err] = await Promise.all([child.exited, new Response(child.stderr).text()]);
  return code === 0 && !err.includes("warning");
}

async function judgeAll(commands: string[]): Promise<boolean[]> {
  const out: boolean[] = new Array(commands.length);
  let next = 0;
  const worker = async () => {
    while (next < commands.length) {
      const i = next++;
      out[i] = await bashParses(commands[i] as string);
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return out;
}

describe("the parser against bash -n", () => {
  test("every line bash rejects is a parse error; what only we reject stays rare", async () => {
    const commands = inputs();
    const bash = await judgeAll(commands);
    const weAccept: string[] = [];
    const weReject: string[] = [];
    commands.forEach((c, i) => {
      const ours = parseBash(c).errors.length === 0;
      if (ours && !bash[i]) weAccept.push(JSON.stringify(c));
      if (!ours && bash[i]) weReject.push(`${JSON.stringify(c)}: ${parseBash(c).errors[0]}`);
    });
    const agreed = commands.length - weAccept.length - weReject.length;
    console.log(`parser vs bash -n: ${agreed}/${commands.length} agree; stricter than bash on ${weReject.length}${weReject.length ? `:\n  ${weReject.join("\n  ")}` : ""}`);
    expect(commands.length).toBeGreaterThan(4000);
    expect(weAccept).toEqual([]);
    expect(weReject.length / commands.length).toBeLessThan(0.01);
  }, 120_000);
});
