// Checks on one sub-command: its name, argv, assignments, redirects and the files it
// touches. Each returns the fired checks with the command's index.
import { type CheckId, fire } from "./checks.ts";
import {
  foldHome, INLINE_CODE_FLAGS, isDangerousEnv, isGitExecKey, isHistoryVariable, isSensitiveRead, isSensitiveWrite, isShellCommandFlag, NETWORK_TOOLS,
  PRIVILEGE, SHELLS, SYSTEM_DIRS,
} from "./tables.ts";
import { NONE } from "./shared.ts";
import type { AnalyzeOptions, FiredCheck, Redirect, SubCommand } from "./types.ts";
import type { Unwrapped } from "./unwrap.ts";

/**
 * What the analysis knows of the sub-commands beyond their SubCommands. Kept by exception
 * (the few commands it is true of), not as a list per command: a long line has hundreds.
 */
export interface CommandExtras {
  /** Indices of the commands whose argv[0] was written with quotes, escapes or splices. */
  disguised: ReadonlySet<number>;
  /** What unwrap found, by index, for the commands run through a wrapper (sudo, timeout, xargs, env …). */
  unwrapped: ReadonlyMap<number, Unwrapped>;
  /** Commands from this index on come after a `cd` that left the working directory (cd /, cd ~, cd ..); Infinity when none does. */
  cwdEscapedFrom: number;
}

const PLAIN_NAME = /^[\w./+-]+$/;
const DEV_NET = /^\/dev\/(tcp|udp)\//;
const isDevNet = (a: string) => a.charCodeAt(0) === 0x2f /* / */ && a.startsWith("/dev/") && DEV_NET.test(a);
const HISTORY_FILE = /(^|\/)\.(bash|zsh|sh)_history$/;
const isHistoryFile = (p: string) => p.endsWith("_history") && HISTORY_FILE.test(p);
const RECURSIVE = /^-[a-zA-Z]*[rR]|^--recursive$/;

export function commandChecks(cmd: SubCommand, index: number, extras: CommandExtras, opts: AnalyzeOptions): readonly FiredCheck[] {
  // Runs once per sub-command, so it makes no closures and no regexes (both are allocated
  // afresh every time their expression runs), and it walks lists with plain loops: a
  // callback handed to some() or find() costs more than the test it runs, and a 10 KB line
  // has hundreds of commands.
  let out: FiredCheck[] | undefined;
  const argv = cmd.argv;
  const written = argv[0] ?? "";
  const eff = cmd.effective;
  const name = eff[0] ?? "";
  const unwrapped = extras.unwrapped.size ? extras.unwrapped.get(index) : undefined;
  const wrappers = unwrapped?.wrappers ?? NONE;
  const wrapperEnv = unwrapped?.env ?? NONE;
  const wrapped = wrappers.length > 0;
  // Most commands (sort, make, tee …) are named by no check below: for them only the checks
  // on every word, the environment and the files can fire, and the rest is skipped.
  const byName = wrapped || written !== name || NAMED.has(name) || name.includes("/") || name.startsWith("py") || name.startsWith("mkfs");

  const testBracket = written === "[" || written === "[[";
  if (cmd.dynamic[0] || (!testBracket && hasAny(written, DYNAMIC_NAME)) || hasAny(name, DYNAMIC_INNER)) out = fired(out, index, cmd.text, "dynamic-command", written);
  else if (extras.disguised.has(index) && PLAIN_NAME.test(written)) out = fired(out, index, cmd.text, "obfuscated-command", written);
  if (nonAscii(written)) out = fired(out, index, cmd.text, "homoglyph", written);

  if (byName) {
    if (named(wrappers, written, name, "eval")) out = fired(out, index, cmd.text, "eval");
    if (named(wrappers, written, name, "source") || named(wrappers, written, name, ".")) out = fired(out, index, cmd.text, "source-script");
    if (written === "exec" && argv.length > 1) out = fired(out, index, cmd.text, "exec-replace");
    if (PRIVILEGE.has(written) || PRIVILEGE.has(name) || (wrapped && wrappers.some(isPrivilege))) out = fired(out, index, cmd.text, "privilege-escalation");
    if (SHELLS.has(name) && someArg(eff, isShellCommandFlag)) out = fired(out, index, cmd.text, "nested-shell");
    if (name === "su" && someArg(eff, isSuCommandFlag)) out = fired(out, index, cmd.text, "nested-shell");
    if (isOneLiner(name, eff)) out = fired(out, index, cmd.text, "interpreter-one-liner");
  }

  // One pass over the words for the two checks every word is looked at for.
  let ifs = false;
  let devNet = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!ifs && expandsIfs(a)) ifs = true;
    if (!devNet && isDevNet(a)) devNet = true;
  }
  const env = wrapperEnv.length ? cmd.assignments.concat(wrapperEnv) : cmd.assignments;
  if (env.length) {
    const leaked = env.find(leaksSensitivePath);
    if (leaked) out = fired(out, index, cmd.text, "sensitive-path-read", `${leaked.name}=${leaked.value}`);
    const badEnv = env.find(setsDangerousEnv);
    if (badEnv) out = fired(out, index, cmd.text, "dangerous-env", `${badEnv.name}=${badEnv.value}`);
  }
  if (ifs || (env.length && env.some(setsIfs))) out = fired(out, index, cmd.text, "ifs-manipulation");
  if (env.length && env.some(setsHistory)) out = fired(out, index, cmd.text, "history-tampering");

  const write = firstOf(cmd.writes, isSensitiveWrite);
  if (write !== undefined) out = fired(out, index, cmd.text, "sensitive-path-write", write);
  const read = firstOf(cmd.reads, isSensitiveRead) ?? (cmd.redirects.length ? cmd.redirects.find(readsSensitiveFile)?.target : undefined);
  if (read !== undefined) out = fired(out, index, cmd.text, "sensitive-path-read", read);
  if (devNet || (cmd.redirects.length && cmd.redirects.some(redirectsToDevNet))) out = fired(out, index, cmd.text, "dev-tcp");

  if (byName) {
    if (isNetcat(name) && someArg(eff, isNetcatExec)) out = fired(out, index, cmd.text, "reverse-shell");
    if (name === "socat" && someArg(eff, isSocatExec)) out = fired(out, index, cmd.text, "reverse-shell");
  }
  // A redirect onto a disk counts whatever the name.
  if (byName || cmd.redirects.length) out = destructive(out, index, cmd, wrappers, index >= extras.cwdEscapedFrom, name, eff);
  if (byName) {
    if (!opts.network && usesNetwork(name, eff)) out = fired(out, index, cmd.text, "network-tool", eff.slice(0, 3).join(" "));
    if (name === "git" && gitConfigExec(eff)) out = fired(out, index, cmd.text, "git-config-exec");
    if (persists(name, eff) || (wrapped && wrappers.some(isDetacher)) || written === "disown") out = fired(out, index, cmd.text, "persistence");
    if (name === "pkill" || name === "killall" || (name === "kill" && someArg(eff, killsMany))) out = fired(out, index, cmd.text, "kill-processes");
    if ((name === "history" && someArg(eff, clearsHistory)) || (name === "unset" && hasArg(eff, "HISTFILE")) || (name === "set" && eff.slice(1).join(" ").includes("+o history"))) out = fired(out, index, cmd.text, "history-tampering");
  }
  if ((name === "rm" || name === "shred" || cmd.writes.length > 0) && (cmd.writes.some(isHistoryFile) || cmd.reads.some(isHistoryFile))) out = fired(out, index, cmd.text, "history-tampering");
  if (byName) {
    if (name === "alias" && someArg(eff, hasEquals)) out = fired(out, index, cmd.text, "alias-definition");
    if (name === "trap" && eff.length >= 3 && eff[1] !== "-" && eff[1] !== "-p" && eff[1] !== "-l") out = fired(out, index, cmd.text, "trap-handler");
  }
  return out ?? NONE;
}

// A command's arguments are its effective argv from index 1, read in place: a check runs
// once per sub-command, and copying the arguments out would be a list per command.
function someArg(eff: readonly string[], test: (a: string) => boolean): boolean {
  for (let i = 1; i < eff.length; i++) if (test(eff[i]!)) return true;
  return false;
}
function findArg(eff: readonly string[], test: (a: string) => boolean): string | undefined {
  for (let i = 1; i < eff.length; i++) if (test(eff[i]!)) return eff[i];
  return undefined;
}
const hasArg = (eff: readonly string[], a: string): boolean => eff.indexOf(a, 1) > 0;

/** The first element `test` holds for: find() as a loop, for the lists every command has. */
function firstOf(xs: readonly string[], test: (x: string) => boolean): string | undefined {
  for (let i = 0; i < xs.length; i++) if (test(xs[i]!)) return xs[i];
  return undefined;
}

/** Appends a fired check (its detail the command's text unless given); most commands fire none, so the list starts unmade. */
function fired(out: FiredCheck[] | undefined, index: number, text: string, id: CheckId, detail: string = text): FiredCheck[] {
  (out ??= []).push(fire(id, detail, index));
  return out;
}

/** The command is `n`, or runs it through a wrapper. */
function named(wrappers: readonly string[], written: string, name: string, n: string): boolean {
  return written === n || name === n || (wrappers.length > 0 && wrappers.includes(n));
}

const CODE_FLAGS = new Map(Object.entries(INLINE_CODE_FLAGS));
/** Characters that make a written command name dynamic (brace, glob), and an unwrapped one ($, `, glob, brace). */
const DYNAMIC_NAME = charSet("{}*?[]");
const DYNAMIC_INNER = charSet("$`*?{");
function charSet(chars: string): Uint8Array {
  const set = new Uint8Array(128);
  for (let i = 0; i < chars.length; i++) set[chars.charCodeAt(i)] = 1;
  return set;
}
/** A character scan by code: cheaper than a regex call on the short words it sees, once per command. */
function hasAny(s: string, set: Uint8Array): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 128 && set[c] === 1) return true;
  }
  return false;
}
function nonAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return true;
  return false;
}
const isNetcat = (n: string) => n === "nc" || n === "ncat" || n === "netcat";
const isPrivilege = (n: string) => PRIVILEGE.has(n);
const isDetacher = (w: string) => w === "nohup" || w === "setsid";
const isSuCommandFlag = (a: string) => a === "-c" || a === "--command";
const leaksSensitivePath = (a: { value: string }) => isSensitiveRead(a.value);
const setsDangerousEnv = (a: { name: string }) => isDangerousEnv(a.name);
const setsIfs = (a: { name: string }) => a.name === "IFS";
/** $IFS or ${IFS, as /\$\{?IFS\b/ finds it: a loop, as includes() is a call out of the JIT per word. */
function expandsIfs(a: string): boolean {
  for (let i = 0; i + 3 < a.length; i++) {
    if (a.charCodeAt(i) !== 0x24 /* $ */) continue;
    const at = a.charCodeAt(i + 1) === 0x7b /* { */ ? i + 2 : i + 1;
    if (a.charCodeAt(at) === 0x49 && a.charCodeAt(at + 1) === 0x46 && a.charCodeAt(at + 2) === 0x53 && !isWordChar(a.charCodeAt(at + 3))) return true;
  }
  return false;
}
/** \w: NaN (past the end) is not one. */
const isWordChar = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
const setsHistory = (a: { name: string }) => isHistoryVariable(a.name);
const readsSensitiveFile = (r: Redirect) => r.op === "<" && isSensitiveRead(r.target);
const redirectsToDevNet = (r: Redirect) => isDevNet(r.target);
// Regexes as constants: a literal inside a function is a new RegExp object every call.
const NETCAT_EXEC = /^-[a-zA-Z]*[ec]$|^--(exec|sh-exec|lua-exec)/;
const isNetcatExec = (a: string) => NETCAT_EXEC.test(a);
const SOCAT_EXEC = /(^|[,:])(exec|system):/i;
const isSocatExec = (a: string) => SOCAT_EXEC.test(a);
const KILLS_MANY = /^-?-1$|^0$|^-\d+$/;
const killsMany = (a: string) => KILLS_MANY.test(a) && a !== "-9" && a !== "-15";
const CLEARS_HISTORY = /^-[a-z]*[cdw]/;
const clearsHistory = (a: string) => CLEARS_HISTORY.test(a);
const AWK_RUNS = /system\s*\(|\|\s*getline|"\s*\|\s*$|print[f]?[^;]*\|\s*"/;
const isAwkRun = (a: string) => AWK_RUNS.test(a);
const SED_EXEC = /(^|[;{}\n]|\d|\/)\s*e(\s|$)/;
const isSedExec = (a: string) => SED_EXEC.test(a);
const AWK_NAME = /^[gmn]?awk$/;
const PYTHON_VERSION = /^(python|pypy)[0-9.]+$/;
const DIRS = /^.*\//;
const SHORT_BUNDLE = /^-[a-zA-Z]{2,}$/;
const SHORT_FLAG = /^-[a-zA-Z]$/;
const hasEquals = (a: string) => a.includes("=");

function isOneLiner(name: string, eff: readonly string[]): boolean {
  const file = name.includes("/") ? name.replace(DIRS, "") : name;
  const base = file.startsWith("py") ? file.replace(PYTHON_VERSION, "$1") : file;
  if (!(base.endsWith("awk") || base === "sed" || CODE_FLAGS.has(base))) return false;
  // awk and sed are languages too; only their code-running forms count.
  if (base.endsWith("awk") && AWK_NAME.test(base)) return someArg(eff, isAwkRun);
  if (base === "sed") return someArg(eff, isSedExec);
  // A Map: a command called `constructor` must not find Object's constructor here.
  const flags = CODE_FLAGS.get(base);
  if (!flags) return false;
  if (base === "deno") return eff[1] === "eval";
  // Loops, not some() with an arrow: an arrow capturing `flags` makes a scope object on every call.
  for (let i = 1; i < eff.length; i++) if (runsInlineCode(eff[i]!, flags)) return true;
  return false;
}

function runsInlineCode(a: string, flags: readonly string[]): boolean {
  if (flags.includes(a)) return true;
  if (a.startsWith("--")) {
    for (const f of flags) if (f.startsWith("--") && a.length > f.length && a.charCodeAt(f.length) === 0x3d /* = */ && a.startsWith(f)) return true;
    return false;
  }
  // Bundled short flags: perl -pe, python -Sc, node -pe.
  if (!SHORT_BUNDLE.test(a)) return false;
  for (const f of flags) if (SHORT_FLAG.test(f) && a.includes(f[1] as string)) return true;
  return false;
}

/** The commands whose targets and -r flag the destructive checks read; others skip that work. */
const TARGETED = new Set(["rm", "find", "chmod", "chown", "chgrp"]);
/** Every name destructive() looks at (with mkfs.*): for the rest only a redirect can matter. */
const DESTRUCTIVE = new Set([...TARGETED, "wipefs", "mkswap", "fdisk", "sfdisk", "cfdisk", "parted", "sgdisk", "blkdiscard", "dd", "shred"]);

/**
 * Every name a check in commandChecks is about (with python*, mkfs* and paths, tested
 * apart). A name outside it, written plainly and not wrapped, skips those checks; adding a
 * check on a new name means adding the name here.
 */
const NAMED = new Set([
  ...SHELLS, ...PRIVILEGE, ...CODE_FLAGS.keys(), ...DESTRUCTIVE, ...NETWORK_TOOLS,
  "eval", "source", ".", "exec", "su", "awk", "gawk", "mawk", "nawk", "sed", "nc", "ncat", "netcat", "socat", "rsync", "git",
  "crontab", "systemctl", "launchctl", "at", "batch", "update-rc.d", "chkconfig", "disown", "pkill", "killall", "kill",
  "history", "unset", "set", "alias", "trap",
]);

function destructive(
  out: FiredCheck[] | undefined,
  index: number,
  cmd: SubCommand,
  wrappers: readonly string[],
  cwdEscaped: boolean,
  name: string,
  eff: readonly string[],
): FiredCheck[] | undefined {
  // Only these names (and redirects onto a disk) can fire anything below.
  if (!DESTRUCTIVE.has(name) && !name.startsWith("mkfs") && cmd.redirects.length === 0) return out;
  const targeted = TARGETED.has(name);
  const recursive = targeted && (someArg(eff, isRecursiveFlag) || hasArg(eff, "--no-preserve-root"));
  // find reads only its first operand (its root); rm, chmod, chown and chgrp all of them.
  const targets = targeted && name !== "find" ? operands(eff) : NONE;
  if (name === "rm" && recursive) {
    const deadly = targets.find(isDeadlyTarget);
    if (deadly !== undefined || hasArg(eff, "--no-preserve-root")) out = fired(out, index, cmd.text, "destructive-rm", deadly ?? "--no-preserve-root");
    else if (targets.some(hasDollar)) out = fired(out, index, cmd.text, "rm-variable-path", targets.find(hasDollar));
    else if (targets.some(isOutside)) out = fired(out, index, cmd.text, "rm-outside-project");
    else if (cwdEscaped && targets.length) out = fired(out, index, cmd.text, "rm-outside-project");
  }
  if (name === "find" && (hasArg(eff, "-delete") || wrappers.includes("find"))) {
    const root = findArg(eff, isOperand);
    if (root !== undefined && isDeadlyTarget(root)) out = fired(out, index, cmd.text, "destructive-rm", root);
  }
  if (DISK_TOOL.test(name) && someArg(eff, isDevice)) out = fired(out, index, cmd.text, "disk-destruction");
  if (name === "dd" && someArg(eff, writesDevice)) out = fired(out, index, cmd.text, "disk-destruction");
  if (name === "shred" && someArg(eff, isDevice)) out = fired(out, index, cmd.text, "disk-destruction");
  if (cmd.redirects.length && cmd.redirects.some(redirectsToDisk)) out = fired(out, index, cmd.text, "disk-destruction");
  if ((name === "chmod" || name === "chown" || name === "chgrp") && recursive && targets.slice(1).some(isDeadlyTarget)) out = fired(out, index, cmd.text, "recursive-system-change");
  const mode = targets[0] ?? "";
  if (name === "chmod" && (OCTAL_WORLD_WRITABLE.test(mode) || SYMBOLIC_WORLD_WRITABLE.test(mode))) out = fired(out, index, cmd.text, "world-writable", mode);
  return out;
}

const isOperand = (a: string) => !a.startsWith("-");
function operands(eff: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 1; i < eff.length; i++) if (isOperand(eff[i]!)) out.push(eff[i]!);
  return out;
}
const isRecursiveFlag = (a: string) => RECURSIVE.test(a);
const hasDollar = (t: string) => t.includes("$");
const OUTSIDE = /^(\/|~|\.\.)/;
const TEMP = /^\/(tmp|var\/tmp)\/./;
const isOutside = (t: string) => OUTSIDE.test(t) && !TEMP.test(t);
const DISK_TOOL = /^mkfs(\.|$)|^(wipefs|mkswap|fdisk|sfdisk|cfdisk|parted|sgdisk|blkdiscard)$/;
const isDevice = (a: string) => a.startsWith("/dev/");
const DEVICE_OUTPUT = /^of=\/dev\/(?!null$|stdout$|stderr$)/;
const writesDevice = (a: string) => DEVICE_OUTPUT.test(a);
const DISK = /^\/dev\/(sd|hd|vd|xvd|nvme|mmcblk|disk)/;
const redirectsToDisk = (r: Redirect) => DISK.test(r.target);
const OCTAL_WORLD_WRITABLE = /^[0-7]?[0-7]{2}[2367]$/;
const SYMBOLIC_WORLD_WRITABLE = /(^|,)[ugoa]*[oa][ugoa]*[+=][rwxXst]*w/;

const TRAILING_SLASHES = /(.)\/+$/;
const SLASH_STAR = /\/\*$/;
const ROOT_ONLY = /^\/+\.*$/;

function isDeadlyTarget(raw: string): boolean {
  const t = foldHome(raw.replace(TRAILING_SLASHES, "$1"));
  if (t === "~" || t === "~/*" || t === "." || t === ".." || t === "./" || t === "../" || t === "*" || t === ".*" || t === "/*" || t === "./*" || t === "../*") return true;
  if (SYSTEM_DIRS.has(t) || SYSTEM_DIRS.has(t.replace(SLASH_STAR, ""))) return true;
  return ROOT_ONLY.test(t);
}

function usesNetwork(name: string, eff: readonly string[]): boolean {
  if (NETWORK_TOOLS.has(name)) return true;
  if (name === "rsync") return someArg(eff, isRsyncRemote);
  if (name === "git") {
    const sub = findArg(eff, isOperand);
    if (sub && GIT_NETWORK.has(sub)) return someArg(eff, isRemoteUrl);
  }
  return false;
}

const GIT_NETWORK = new Set(["clone", "fetch", "pull", "push", "ls-remote", "submodule"]);
const REMOTE_URL = /:\/\/|^[\w.-]+@[\w.-]+:/;
const isRemoteUrl = (a: string) => REMOTE_URL.test(a);
const RSYNC_REMOTE = /^[^/]*:|^rsync:\/\//;
const isRsyncRemote = (a: string) => RSYNC_REMOTE.test(a) && !a.startsWith("-");

/** `git -c core.pager=… ` and friends; argv is git's effective argv, read from index 1. */
function gitConfigExec(args: readonly string[]): boolean {
  for (let i = 1; i < args.length; i++) {
    const a = args[i] as string;
    if ((a === "-c" || a === "--config-env") && args[i + 1]) {
      if (isGitExecKey((args[i + 1] as string).split("=")[0] as string)) return true;
    }
    if (a.startsWith("--config-env=") && isGitExecKey(a.slice(13).split("=")[0] as string)) return true;
  }
  const at = args.indexOf("config", 1);
  if (at < 0) return false;
  const rest = args.slice(at + 1);
  if (rest.some((a) => ["--get", "--get-all", "--get-regexp", "--list", "-l", "--unset", "--unset-all"].includes(a))) return false;
  const positional = rest.filter((a) => !a.startsWith("-"));
  return positional.length >= 2 && isGitExecKey(positional[0] as string);
}

const SYSTEMCTL_PERSISTS = new Set(["enable", "start", "restart", "link", "edit", "daemon-reload", "reenable", "preset", "set-property", "mask"]);
const LAUNCHCTL_PERSISTS = new Set(["load", "bootstrap", "submit", "enable", "kickstart"]);
const systemctlPersists = (a: string) => SYSTEMCTL_PERSISTS.has(a);
const launchctlPersists = (a: string) => LAUNCHCTL_PERSISTS.has(a);

function persists(name: string, eff: readonly string[]): boolean {
  if (name === "crontab") return !hasArg(eff, "-l");
  if (name === "systemctl") return someArg(eff, systemctlPersists);
  if (name === "launchctl") return someArg(eff, launchctlPersists);
  return name === "at" || name === "batch" || name === "update-rc.d" || name === "chkconfig" || name === "disown";
}
