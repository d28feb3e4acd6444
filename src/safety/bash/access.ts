// Which files a command writes and which words may name files it reads, so permission
// rules on paths (Edit(…), Read(…)) and the sensitive-path checks apply to Bash too.
import { HARMLESS_TARGETS } from "./tables.ts";
import type { Redirect } from "./types.ts";

const WRITE_OPS = new Set([">", ">>", ">|", "&>", "&>>", "<>", ">&"]);

/** Commands whose trailing (or every) file argument is written. */
const LAST_ARG_WRITERS = new Set(["cp", "mv", "ln", "install", "rsync", "scp"]);
const ALL_ARG_WRITERS = new Set([
  "tee", "touch", "truncate", "rm", "rmdir", "mkdir", "chmod", "chown", "chgrp", "shred", "unlink",
  // Editors may write any file they open.
  "vi", "vim", "nvim", "nano", "emacs", "ed", "pico", "micro", "hx", "kak", "code", "subl",
]);
/** Every command argvAccess finds writes for; the rest only read. */
const WRITERS = new Set([...LAST_ARG_WRITERS, ...ALL_ARG_WRITERS, "dd", "sed", "perl"]);

/** The reads of a command that writes nothing: argvAccess's rules (files, then --opt=values) without its copies. */
function readsOf(name: string, argv: readonly string[]): readonly string[] {
  let reads: string[] | undefined;
  if (!NO_READS.has(name)) {
    for (let i = 1; i < argv.length; i++) {
      const a = argv[i] as string;
      if (a.charCodeAt(0) !== 0x2d /* - */) (reads ??= []).push(a.charCodeAt(0) === 0x40 /* @ */ ? a.slice(1) : a);
    }
  }
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a.charCodeAt(0) !== 0x2d || a.charCodeAt(1) !== 0x2d) continue;
    const eq = a.indexOf("=");
    if (eq > 0) (reads ??= []).push(a.slice(eq + 1));
  }
  return reads ?? NONE;
}

/** Commands whose words are not files (messages, patterns handled elsewhere). */
const NO_READS = new Set(["echo", "printf", "export", "declare", "local", "readonly", "typeset", "unset", "set", "alias", "test", "[", "[["]);

const NONE: readonly never[] = Object.freeze([]);

export function redirectWrites(redirects: readonly Redirect[]): readonly string[] {
  if (redirects.length === 0) return NONE;
  const out: string[] = [];
  for (const r of redirects) {
    if (!WRITE_OPS.has(r.op)) continue;
    if (r.op === ">&" && /^\d+$|^-$/.test(r.target)) continue;
    if (HARMLESS_TARGETS.has(r.target) || /^&?\d+$/.test(r.target)) continue;
    out.push(r.target);
  }
  return out;
}

export function argvAccess(argv: readonly string[]): { writes: readonly string[]; reads: readonly string[] } {
  const name = argv[0];
  if (name === undefined) return { writes: NONE, reads: NONE };
  if (!WRITERS.has(name)) return { writes: NONE, reads: readsOf(name, argv) };
  const args = argv.slice(1);
  const files = args.filter((a) => !a.startsWith("-") || a === "-");
  const writes: string[] = [];
  if (LAST_ARG_WRITERS.has(name) && files.length >= 2) writes.push(files[files.length - 1] as string);
  else if (ALL_ARG_WRITERS.has(name)) writes.push(...files.filter((f) => !(name === "chmod" || name === "chown" || name === "chgrp") || f !== files[0]));
  if (name === "dd") for (const a of args) if (a.startsWith("of=")) writes.push(a.slice(3));
  if ((name === "sed" || name === "perl") && args.some((a) => /^-[a-zA-Z]*i/.test(a) || a.startsWith("--in-place"))) writes.push(...files.slice(1));
  const reads: string[] = [];
  if (!NO_READS.has(name)) for (const f of files) if (f !== "-" && !writes.includes(f)) reads.push(f.charCodeAt(0) === 0x40 /* @ */ ? f.slice(1) : f);
  for (const a of args) {
    const eq = a.indexOf("=");
    if (a.startsWith("--") && eq > 0) reads.push(a.slice(eq + 1));
    if (name === "dd" && a.startsWith("if=")) reads.push(a.slice(3));
  }
  return { writes: writes.filter((w) => !HARMLESS_TARGETS.has(w)), reads };
}
