// The sensitive-path tests run as one combined search per flag set (tables.ts anyOf) with
// guards in foldHome; this holds them to the plain form — fold with four replaces, then try
// every pattern — on paths built from every pattern's own words and their near misses.
import { describe, expect, test } from "bun:test";
import { foldHome, isSensitiveRead, isSensitiveWrite, SENSITIVE_READ, SENSITIVE_WRITE } from "../../src/safety/bash/tables.ts";

function plainFold(path: string): string {
  return path
    .replace(/^(\$HOME|\$\{HOME\}|\/root|\/home\/[^/]+|\/Users\/[^/]+)(?=\/|$)/, "~")
    .replace(/^~[^/]*/, "~")
    .replace(/\/\.\//g, "/")
    .replace(/\/{2,}/g, "/");
}

/** Words taken from the patterns themselves, so every alternative gets hit and nearly hit. */
function paths(): string[] {
  const words = new Set<string>();
  for (const re of [...SENSITIVE_READ, ...SENSITIVE_WRITE]) for (const w of re.source.replace(/\\/g, "").split(/[^A-Za-z0-9_.~-]+/)) if (w) words.add(w);
  const prefixes = ["", "/", "~user/", "$HOME/", "/home/me/", "a/./", "a//", "x", "/etc/", "~/Library/LaunchAgents/"];
  const suffixes = ["", "/", ".bak", "_key", "/id_rsa", "/config"];
  const out: string[] = [];
  for (const w of words) for (const p of prefixes) for (const s of suffixes) out.push(`${p}${w}${s}`, `${p}.${w}${s}`, `${p}${w.toUpperCase()}${s}`);
  out.push("", "/", "~", "src/index.ts", "/etc/shadow", "/etc/SHADOW", "/dev/sda", "/dev/null", "@~/.ssh/id_ed25519", "=/etc/sudoers", ".ssh", "a/.ssh/");
  return out;
}

describe("sensitive paths", () => {
  const all = paths();

  test("foldHome with its guards folds exactly as the four replaces do", () => {
    expect(all.length).toBeGreaterThan(3000);
    expect(all.filter((p) => foldHome(p) !== plainFold(p))).toEqual([]);
  });

  test("the combined searches decide exactly as trying every pattern does", () => {
    const write = (p: string) => SENSITIVE_WRITE.some((re) => re.test(plainFold(p)));
    const read = (p: string) => SENSITIVE_READ.some((re) => re.test(plainFold(p.replace(/^[@=]/, ""))));
    expect(all.filter((p) => isSensitiveWrite(p) !== write(p))).toEqual([]);
    expect(all.filter((p) => isSensitiveRead(p) !== read(p))).toEqual([]);
    // The set is not trivially one-sided.
    expect(all.filter((p) => isSensitiveRead(p)).length).toBeGreaterThan(100);
    expect(all.filter((p) => !isSensitiveWrite(p)).length).toBeGreaterThan(100);
  });
});
