// Which files a command writes and which words may name files it reads, so permission
// rules on paths (Edit(…), Read(…)) and the sensitive-path checks apply to Bash too.
import { HARMLESS_TARGETS, isInPlaceFlag } from "./tables.ts";
import type { Redirect, SubCommand } from "./types.ts";

const WRITE_OPS = new Set([">", ">>", ">|", "&>", "&>>", "<>", ">&"]);

/** Commands whose trailing (or every) file argument is written. */
const LAST_ARG_WRITERS = new Set(["cp", "mv", "ln", "install", "rsync", "scp"]);
const ALL_ARG_WRITERS = new Set([
  "tee", "touch", "truncate", "rm", "rmdir", "mkdir", "chmod", "chown", "chgrp", "shred", "unlink",
  // Editors may write any file they open.
  "vi", "vim", "nvim", "nano", "emacs", "ed", "pico", "micro", "hx", "kak", "code", "subl",
]);
/** Every command writerAccess finds writes for; the rest only read. */
const WRITERS = new Set([...LAST_ARG_WRITERS, ...ALL_ARG_WRITERS, "dd", "sed", "perl"]);

/** The reads of a command that writes nothing: writerAccess's rules (files, then --opt=values) without its copies. */
function readsOf(name: string, argv: readonly string[]): readonly string[] {
  // Counted first, so the list is made once at its size (nearly every command has one).
  const files = !NO_READS.has(name);
  let n = 0;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a.charCodeAt(0) !== 0x2d /* - */) n += files ? 1 : 0;
    else if (a.charCodeAt(1) === 0x2d && a.indexOf("=") > 0) n++;
  }
  if (n === 0) return NONE;
  const reads = new Array<string>(n);
  let k = 0;
  if (files) {
    for (let i = 1; i < argv.length; i++) {
      const a = argv[i] as string;
      if (a.charCodeAt(0) !== 0x2d) reads[k++] = a.charCodeAt(0) === 0x40 /* @ */ ? a.slice(1) : a;
    }
  }
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a.charCodeAt(0) !== 0x2d || a.charCodeAt(1) !== 0x2d) continue;
    const eq = a.indexOf("=");
    if (eq > 0) reads[k++] = a.slice(eq + 1);
  }
  return reads;
}

/** Commands whose words are not files (messages, patterns handled elsewhere). */
const NO_READS = new Set(["echo", "printf", "export", "declare", "local", "readonly", "typeset", "unset", "set", "alias", "test", "[", "[["]);

const NONE: readonly never[] = Object.freeze([]);

const FD_OR_CLOSE = /^\d+$|^-$/;
const FD_TARGET = /^&?\d+$/;

function redirectWrites(redirects: readonly Redirect[]): readonly string[] {
  if (redirects.length === 0) return NONE;
  const out: string[] = [];
  for (const r of redirects) {
    if (!WRITE_OPS.has(r.op)) continue;
    if (r.op === ">&" && FD_OR_CLOSE.test(r.target)) continue;
    if (HARMLESS_TARGETS.has(r.target) || FD_TARGET.test(r.target)) continue;
    out.push(r.target);
  }
  return out;
}

/** Sets a sub-command's writes (its redirects', then its argv's) and reads, in place. */
export function setAccess(c: SubCommand): void {
  const redirected = redirectWrites(c.redirects);
  const name = c.effective[0];
  if (name === undefined || !WRITERS.has(name)) {
    // Nearly every command: no object made for what it writes.
    c.writes = redirected;
    c.reads = name === undefined ? NONE : readsOf(name, c.effective);
    return;
  }
  const access = writerAccess(name, c.effective);
  c.writes = redirected.length === 0 ? access.writes : access.writes.length === 0 ? redirected : [...redirected, ...access.writes];
  c.reads = access.reads;
}

/** What a command in WRITERS writes and reads. Writers are few (cp, tee, sed …) but common: plain loops, no callback per word. */
function writerAccess(name: string, argv: readonly string[]): { writes: readonly string[]; reads: readonly string[] } {
  const files: string[] = [];
  const editor = name === "sed" || name === "perl";
  let inPlace = false;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith("-") || a === "-") files.push(a);
    if (editor && !inPlace && isInPlaceFlag(a)) inPlace = true;
  }
  const writes: string[] = [];
  if (LAST_ARG_WRITERS.has(name) && files.length >= 2) writes.push(files[files.length - 1] as string);
  else if (ALL_ARG_WRITERS.has(name)) {
    // chmod, chown and chgrp take a mode or owner first.
    const mode = name === "chmod" || name === "chown" || name === "chgrp" ? files[0] : undefined;
    for (const f of files) if (mode === undefined || f !== mode) writes.push(f);
  }
  if (name === "dd") for (let i = 1; i < argv.length; i++) if (argv[i]!.startsWith("of=")) writes.push(argv[i]!.slice(3));
  if (inPlace) for (let i = 1; i < files.length; i++) writes.push(files[i]!);
  const reads: string[] = [];
  if (!NO_READS.has(name)) for (const f of files) if (f !== "-" && !writes.includes(f)) reads.push(f.charCodeAt(0) === 0x40 /* @ */ ? f.slice(1) : f);
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    const eq = a.indexOf("=");
    if (a.startsWith("--") && eq > 0) reads.push(a.slice(eq + 1));
    if (name === "dd" && a.startsWith("if=")) reads.push(a.slice(3));
  }
  let harmless = false;
  for (const w of writes) if (HARMLESS_TARGETS.has(w)) harmless = true;
  return { writes: harmless ? writes.filter((w) => !HARMLESS_TARGETS.has(w)) : writes, reads };
}
