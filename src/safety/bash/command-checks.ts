// Checks on one sub-command: its name, argv, assignments, redirects and the files it
// touches. Each returns the fired checks with the command's index.
import { fire } from "./checks.ts";
import {
  foldHome, INLINE_CODE_FLAGS, isDangerousEnv, isGitExecKey, isSensitiveRead, isSensitiveWrite, NETWORK_TOOLS,
  PRIVILEGE, SHELLS, SYSTEM_DIRS,
} from "./tables.ts";
import type { AnalyzeOptions, FiredCheck, SubCommand } from "./types.ts";

export interface CommandFacts extends SubCommand {
  nameDisguised: boolean;
  /** Wrapper names passed on the way to `effective` (sudo, timeout, xargs …). */
  wrappers: string[];
  /** NAME=value pairs set through `env`. */
  wrapperEnv: { name: string; value: string }[];
  /** An earlier `cd` in the line left the working directory (cd /, cd ~, cd ..). */
  cwdEscaped: boolean;
}

const PLAIN_NAME = /^[\w./+-]+$/;
const isDevNet = (a: string) => a.startsWith("/dev/") && /^\/dev\/(tcp|udp)\//.test(a);
const isHistoryFile = (p: string) => p.endsWith("_history") && /(^|\/)\.(bash|zsh|sh)_history$/.test(p);
const RECURSIVE = /^-[a-zA-Z]*[rR]|^--recursive$/;

export function commandChecks(cmd: CommandFacts, index: number, opts: AnalyzeOptions): FiredCheck[] {
  const out: FiredCheck[] = [];
  const add = (id: Parameters<typeof fire>[0], detail = cmd.text) => out.push(fire(id, detail, index));
  const written = cmd.argv[0] ?? "";
  const eff = cmd.effective;
  const name = eff[0] ?? "";
  const args = eff.slice(1);
  const names = [written, ...cmd.wrappers, name];

  const testBracket = written === "[" || written === "[[";
  if (cmd.dynamic[0] || (!testBracket && /[{}*?[\]]/.test(written)) || /[$`*?{]/.test(name)) add("dynamic-command", written);
  else if (cmd.nameDisguised && PLAIN_NAME.test(written)) add("obfuscated-command", written);
  if (/[^\u0000-\u007f]/.test(written)) add("homoglyph", written);

  if (names.includes("eval")) add("eval");
  if (names.includes("source") || names.includes(".")) add("source-script");
  if (written === "exec" && cmd.argv.length > 1) add("exec-replace");
  if (names.some((n) => PRIVILEGE.has(n))) add("privilege-escalation");

  if (SHELLS.has(name) && args.some((a) => /^-[a-zA-Z]*c[a-zA-Z]*$/.test(a))) add("nested-shell");
  if (name === "su" && args.some((a) => a === "-c" || a === "--command")) add("nested-shell");
  if (isOneLiner(name, args)) add("interpreter-one-liner");

  const env = cmd.wrapperEnv.length ? cmd.assignments.concat(cmd.wrapperEnv) : cmd.assignments;
  const leaked = env.find((a) => isSensitiveRead(a.value));
  if (leaked) add("sensitive-path-read", `${leaked.name}=${leaked.value}`);
  const badEnv = env.find((a) => isDangerousEnv(a.name));
  if (badEnv) add("dangerous-env", `${badEnv.name}=${badEnv.value}`);
  if (env.some((a) => a.name === "IFS") || cmd.argv.some((a) => a.includes("IFS") && /\$\{?IFS\b/.test(a))) add("ifs-manipulation");
  if (env.some((a) => /^HIST(FILE|SIZE|FILESIZE)$/.test(a.name))) add("history-tampering");

  const write = cmd.writes.find(isSensitiveWrite);
  if (write !== undefined) add("sensitive-path-write", write);
  const read = cmd.reads.find(isSensitiveRead) ?? cmd.redirects.find((r) => r.op === "<" && isSensitiveRead(r.target))?.target;
  if (read !== undefined) add("sensitive-path-read", read);
  if (cmd.argv.some(isDevNet) || cmd.redirects.some((r) => isDevNet(r.target))) add("dev-tcp");

  if (/^(nc|ncat|netcat)$/.test(name) && args.some((a) => /^-[a-zA-Z]*[ec]$|^--(exec|sh-exec|lua-exec)/.test(a))) add("reverse-shell");
  if (name === "socat" && args.some((a) => /(^|[,:])(exec|system):/i.test(a))) add("reverse-shell");
  destructive(cmd, name, args, add);
  if (!opts.network && usesNetwork(name, args)) add("network-tool", eff.slice(0, 3).join(" "));
  if (name === "git" && gitConfigExec(args)) add("git-config-exec");
  if (persists(name, args) || cmd.wrappers.some((w) => w === "nohup" || w === "setsid") || written === "disown") add("persistence");
  if (name === "pkill" || name === "killall" || (name === "kill" && args.some((a) => /^-?-1$|^0$|^-\d+$/.test(a) && a !== "-9" && a !== "-15") )) add("kill-processes");
  if ((name === "history" && args.some((a) => /^-[a-z]*[cdw]/.test(a))) || (name === "unset" && args.includes("HISTFILE")) || (name === "set" && args.join(" ").includes("+o history"))) add("history-tampering");
  if ((name === "rm" || name === "shred" || cmd.writes.length > 0) && (cmd.writes.some(isHistoryFile) || cmd.reads.some(isHistoryFile))) add("history-tampering");
  if (name === "alias" && args.some((a) => a.includes("="))) add("alias-definition");
  if (name === "trap" && args.length >= 2 && args[0] !== "-" && args[0] !== "-p" && args[0] !== "-l") add("trap-handler");
  return out;
}

function isOneLiner(name: string, args: readonly string[]): boolean {
  const file = name.includes("/") ? name.replace(/^.*\//, "") : name;
  const base = file.startsWith("py") ? file.replace(/^(python|pypy)[0-9.]+$/, "$1") : file;
  // awk and sed are languages too; only their code-running forms count.
  if (/^[gmn]?awk$/.test(base)) return args.some((a) => /system\s*\(|\|\s*getline|"\s*\|\s*$|print[f]?[^;]*\|\s*"/.test(a));
  if (base === "sed") return args.some((a) => /(^|[;{}\n]|\d|\/)\s*e(\s|$)/.test(a));
  const flags = INLINE_CODE_FLAGS[base];
  if (!flags) return false;
  if (base === "deno") return args[0] === "eval";
  return args.some((a) => {
    if (flags.includes(a)) return true;
    if (/^--/.test(a)) return flags.some((f) => f.startsWith("--") && a.startsWith(`${f}=`));
    // Bundled short flags: perl -pe, python -Sc, node -pe.
    return /^-[a-zA-Z]{2,}$/.test(a) && flags.some((f) => /^-[a-zA-Z]$/.test(f) && a.includes(f[1] as string));
  });
}

/** The commands whose targets and -r flag the destructive checks read; others skip that work. */
const TARGETED = new Set(["rm", "find", "chmod", "chown", "chgrp"]);

function destructive(cmd: CommandFacts, name: string, args: readonly string[], add: (id: Parameters<typeof fire>[0], d?: string) => void) {
  const targeted = TARGETED.has(name);
  const targets = targeted ? args.filter((a) => !a.startsWith("-")) : [];
  const recursive = targeted && (args.some((a) => RECURSIVE.test(a)) || args.includes("--no-preserve-root"));
  if (name === "rm" && recursive) {
    const deadly = targets.find(isDeadlyTarget);
    if (deadly !== undefined || args.includes("--no-preserve-root")) add("destructive-rm", deadly ?? "--no-preserve-root");
    else if (targets.some((t) => t.includes("$"))) add("rm-variable-path", targets.find((t) => t.includes("$")));
    else if (targets.some((t) => /^(\/|~|\.\.)/.test(t) && !/^\/(tmp|var\/tmp)\/./.test(t))) add("rm-outside-project");
    else if (cmd.cwdEscaped && targets.length) add("rm-outside-project");
  }
  if (name === "find" && (args.includes("-delete") || cmd.wrappers.includes("find"))) {
    const root = targets[0];
    if (root !== undefined && isDeadlyTarget(root)) add("destructive-rm", root);
  }
  if (/^mkfs(\.|$)|^(wipefs|mkswap|fdisk|sfdisk|cfdisk|parted|sgdisk|blkdiscard)$/.test(name) && args.some((a) => a.startsWith("/dev/"))) add("disk-destruction");
  if (name === "dd" && args.some((a) => /^of=\/dev\/(?!null$|stdout$|stderr$)/.test(a))) add("disk-destruction");
  if (name === "shred" && args.some((a) => a.startsWith("/dev/"))) add("disk-destruction");
  if (cmd.redirects.some((r) => /^\/dev\/(sd|hd|vd|xvd|nvme|mmcblk|disk)/.test(r.target))) add("disk-destruction");
  if ((name === "chmod" || name === "chown" || name === "chgrp") && recursive && targets.slice(1).some(isDeadlyTarget)) add("recursive-system-change");
  const mode = targets[0] ?? "";
  if (name === "chmod" && (/^[0-7]?[0-7]{2}[2367]$/.test(mode) || /(^|,)[ugoa]*[oa][ugoa]*[+=][rwxXst]*w/.test(mode))) add("world-writable", mode);
}

function isDeadlyTarget(raw: string): boolean {
  const t = foldHome(raw.replace(/(.)\/+$/, "$1"));
  if (t === "~" || t === "~/*" || t === "." || t === ".." || t === "./" || t === "../" || t === "*" || t === ".*" || t === "/*" || t === "./*" || t === "../*") return true;
  if (SYSTEM_DIRS.has(t) || SYSTEM_DIRS.has(t.replace(/\/\*$/, ""))) return true;
  return /^\/+\.*$/.test(t);
}

function usesNetwork(name: string, args: readonly string[]): boolean {
  if (NETWORK_TOOLS.has(name)) return true;
  if (name === "rsync") return args.some((a) => /^[^/]*:|^rsync:\/\//.test(a) && !a.startsWith("-"));
  if (name === "git") {
    const sub = args.find((a) => !a.startsWith("-"));
    if (sub && ["clone", "fetch", "pull", "push", "ls-remote", "submodule"].includes(sub)) return args.some((a) => /:\/\/|^[\w.-]+@[\w.-]+:/.test(a));
  }
  return false;
}

function gitConfigExec(args: readonly string[]): boolean {
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if ((a === "-c" || a === "--config-env") && args[i + 1]) {
      if (isGitExecKey((args[i + 1] as string).split("=")[0] as string)) return true;
    }
    if (a.startsWith("--config-env=") && isGitExecKey(a.slice(13).split("=")[0] as string)) return true;
  }
  const at = args.indexOf("config");
  if (at < 0) return false;
  const rest = args.slice(at + 1);
  if (rest.some((a) => ["--get", "--get-all", "--get-regexp", "--list", "-l", "--unset", "--unset-all"].includes(a))) return false;
  const positional = rest.filter((a) => !a.startsWith("-"));
  return positional.length >= 2 && isGitExecKey(positional[0] as string);
}

function persists(name: string, args: readonly string[]): boolean {
  if (name === "crontab") return !args.includes("-l");
  if (name === "systemctl") return args.some((a) => ["enable", "start", "restart", "link", "edit", "daemon-reload", "reenable", "preset", "set-property", "mask"].includes(a));
  if (name === "launchctl") return args.some((a) => ["load", "bootstrap", "submit", "enable", "kickstart"].includes(a));
  return name === "at" || name === "batch" || name === "update-rc.d" || name === "chkconfig" || name === "disown";
}
