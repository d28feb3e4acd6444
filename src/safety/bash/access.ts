// Which files a command writes and which words may name files it reads, so permission
// rules on paths (Edit(…), Read(…)) and the sensitive-path checks apply to Bash too.
import { HARMLESS_TARGETS, isInPlaceFlag } from "./tables.ts";
import type { Redirect, SubCommand } from "./types.ts";
import { NONE } from "./shared.ts";

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

const FD_OR_CLOSE = /^\d+$|^-$/;
const FD_TARGET = /^&?\d+$/;

function redirectWrites(redirects: readonly Redirect[]): readonly string[] {
  // Made at the first real target: most redirects are 2>&1 or > /dev/null, which write no file.
  let out: string[] | undefined;
  for (let i = 0; i < redirects.length; i++) {
    const r = redirects[i]!;
    if (!WRITE_OPS.has(r.op)) continue;
    if (r.op === ">&" && FD_OR_CLOSE.test(r.target)) continue;
    if (HARMLESS_TARGETS.has(r.target) || FD_TARGET.test(r.target)) continue;
    (out ??= []).push(r.target);
  }
  return out ?? NONE;
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
  const writes = writesOf(name, c.effective);
  c.reads = writerReads(name, c.effective, writes);
  const kept = withoutHarmless(writes);
  c.writes = redirected.length === 0 ? kept : kept.length === 0 ? redirected : [...redirected, ...kept];
}

/** A word that may name a file: not an option, or `-` (stdin). */
const isFileWord = (a: string) => a.charCodeAt(0) !== 0x2d /* - */ || a === "-";

/**
 * What a command in WRITERS writes, before harmless targets are taken out. Writers are few
 * (cp, tee, sed …) but common: plain loops over argv, and a list made only for what is written.
 */
function writesOf(name: string, argv: readonly string[]): readonly string[] {
  let writes: string[] | undefined;
  let files = 0;
  let lastFile: string | undefined;
  let firstFile: string | undefined;
  let inPlace = false;
  const editor = name === "sed" || name === "perl";
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (isFileWord(a)) {
      files++;
      firstFile ??= a;
      lastFile = a;
    }
    if (editor && !inPlace && isInPlaceFlag(a)) inPlace = true;
  }
  if (LAST_ARG_WRITERS.has(name)) {
    if (files >= 2) writes = [lastFile!];
  } else if (ALL_ARG_WRITERS.has(name)) {
    // chmod, chown and chgrp take a mode or owner first.
    const mode = name === "chmod" || name === "chown" || name === "chgrp" ? firstFile : undefined;
    for (let i = 1; i < argv.length; i++) {
      const a = argv[i]!;
      if (isFileWord(a) && (mode === undefined || a !== mode)) (writes ??= []).push(a);
    }
  }
  if (name === "dd") for (let i = 1; i < argv.length; i++) if (argv[i]!.startsWith("of=")) (writes ??= []).push(argv[i]!.slice(3));
  if (inPlace) {
    // sed -i SCRIPT FILE…: every file after the first.
    let seen = 0;
    for (let i = 1; i < argv.length; i++) if (isFileWord(argv[i]!) && seen++ > 0) (writes ??= []).push(argv[i]!);
  }
  return writes ?? NONE;
}

/** What a command in WRITERS reads: its files that it does not write, and --opt=values. */
function writerReads(name: string, argv: readonly string[], writes: readonly string[]): readonly string[] {
  let reads: string[] | undefined;
  if (!NO_READS.has(name)) {
    for (let i = 1; i < argv.length; i++) {
      const f = argv[i]!;
      if (isFileWord(f) && f !== "-" && !writes.includes(f)) (reads ??= []).push(f.charCodeAt(0) === 0x40 /* @ */ ? f.slice(1) : f);
    }
  }
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    const eq = a.indexOf("=");
    if (a.startsWith("--") && eq > 0) (reads ??= []).push(a.slice(eq + 1));
    if (name === "dd" && a.startsWith("if=")) (reads ??= []).push(a.slice(3));
  }
  return reads ?? NONE;
}

function withoutHarmless(writes: readonly string[]): readonly string[] {
  for (const w of writes) if (HARMLESS_TARGETS.has(w)) return writes.filter((x) => !HARMLESS_TARGETS.has(x));
  return writes;
}
