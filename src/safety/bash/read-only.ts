// Which commands only look: a read-only command with no output redirection may run in
// any mode without asking (like the Read tool). Unknown commands are never read-only.
import { isInPlaceFlag } from "./tables.ts";

/** Whether argv only looks; it reads the arguments from argv[1], so no copy is made per command. */
type Validator = (argv: readonly string[]) => boolean;
const always: Validator = () => true;
const noneOf = (...flags: string[]): Validator => {
  const test = (a: string) => {
    for (const f of flags) if (a === f || (f.startsWith("--") ? a.startsWith(`${f}=`) : a.startsWith(f) && !a.startsWith("--"))) return true;
    return false;
  };
  return (argv) => !someOf(argv, test);
};
/** some() over the arguments (argv from 1) as a loop: validators run once per sub-command, and a callback made per call costs more than its test. */
const someOf = (argv: readonly string[], test: (x: string) => boolean) => {
  for (let i = 1; i < argv.length; i++) if (test(argv[i]!)) return true;
  return false;
};
const oneOf = (...words: string[]) => {
  const set = new Set(words);
  return (w: string | undefined) => w !== undefined && set.has(w);
};
const SED_WRITES = /(^|[;}\s])[wWe]\b|\/[gpIiMm0-9]*[wWe]\s/;
const isSedWrite = (x: string) => isInPlaceFlag(x) || SED_WRITES.test(x);
const AWK_RUNS = /system\s*\(|\|\s*getline|print[f]?[^;]*>|\|\s*"|-i\s*inplace/;
const isAwkRun = (x: string) => x === "-i" || AWK_RUNS.test(x);
const FIND_ACTS = /^-(exec|execdir|ok|okdir|delete|fprint|fprint0|fprintf|fls)$/;
const isFindAction = (x: string) => FIND_ACTS.test(x);
const isOption = (x: string) => x.startsWith("-");
const NPM_READ = oneOf("ls", "list", "view", "info", "outdated", "help", "root", "prefix", "explain", "why", "-v", "--version", "search");
const CONFIG_READ = oneOf("get", "list", "ls");
const DOCKER_READ = oneOf("ps", "images", "logs", "inspect", "version", "info", "top", "port", "diff", "history");
const DOCKER_GROUP = oneOf("network", "volume", "container", "image", "compose");
const DOCKER_GROUP_READ = oneOf("ls", "ps", "inspect", "logs", "config");
const KUBECTL_READ = oneOf("get", "describe", "logs", "version", "explain", "top", "api-resources");
const KUBECTL_CONFIG_READ = oneOf("view", "get-contexts", "current-context");
const CARGO_READ = oneOf("tree", "metadata", "--version", "-V", "search", "pkgid", "locate-project", "verify-project");
const GO_READ = oneOf("version", "env", "list", "doc", "vet");

const READ_ONLY: Record<string, Validator> = {
  ls: always, ll: always, la: always, dir: always, cat: always, head: always, tail: always, less: always, more: always,
  wc: always, grep: always, egrep: always, fgrep: always, rg: always, ag: always, ack: always, pwd: always,
  echo: always, printf: noneOf("-v"), which: always, whereis: always, type: always, file: always, stat: always,
  du: always, df: always, tree: always, nl: always, od: always, hexdump: always, xxd: always, strings: always,
  cut: always, tr: always, column: always, diff: always, cmp: always, comm: always, jq: always, true: always,
  false: always, ":": always, test: always, "[": always, "[[": always, basename: always, dirname: always,
  realpath: always, readlink: always, whoami: always, id: always, groups: always, uname: always, printenv: always,
  seq: always, sleep: always, md5sum: always, sha1sum: always, sha256sum: always, sha512sum: always, shasum: always,
  cksum: always, b2sum: always, base64: always, locale: always, nproc: always, free: always, uptime: always, ps: always,
  lsof: always, man: always, help: always, cd: always, pushd: always, popd: always, dirs: always, export: always,
  declare: always, local: always, readonly: always, typeset: always, unset: always, set: always, shopt: always,
  exit: always, return: always, fold: always, fmt: always, expand: always, unexpand: always, rev: always, tac: always,
  paste: always, join: always, look: always, lsblk: always, env: (a) => a.length === 1, hostname: (a) => a.length === 1,
  date: noneOf("-s", "--set"), sort: noneOf("-o", "--output"), uniq: (a) => { let n = 0; for (let i = 1; i < a.length; i++) if (!isOption(a[i]!)) n++; return n <= 1; },
  yq: noneOf("-i", "--inplace"), tput: always, getconf: always, arch: always, tty: always, true_: always,
  sed: (a) => !someOf(a, isSedWrite),
  awk: (a) => !someOf(a, isAwkRun),
  find: (a) => !someOf(a, isFindAction),
  fd: noneOf("-x", "--exec", "-X", "--exec-batch"),
  git: (a) => gitReadOnly(a),
  npm: (a) => NPM_READ(a[1]) || (a[1] === "config" && CONFIG_READ(a[2])),
  docker: (a) => DOCKER_READ(a[1]) || (DOCKER_GROUP(a[1]) && DOCKER_GROUP_READ(a[2])),
  kubectl: (a) => KUBECTL_READ(a[1]) || (a[1] === "config" && KUBECTL_CONFIG_READ(a[2])),
  cargo: (a) => CARGO_READ(a[1]),
  go: (a) => GO_READ(a[1]) && !a.includes("-w", 1),
};

/** `tool --version` / `--help` alone is read-only for any known command name. */
const VERSION_ONLY = /^(--version|-V|--help|-h|version|help)$/;

const GIT_READ_ONLY = new Set([
  "status", "log", "diff", "show", "blame", "rev-parse", "rev-list", "describe", "ls-files", "ls-tree", "cat-file",
  "shortlog", "grep", "merge-base", "name-rev", "for-each-ref", "show-ref", "var", "version", "help", "whatchanged",
  "check-ignore", "check-attr", "diff-tree", "diff-files", "diff-index", "cherry", "range-diff", "count-objects",
  "show-branch", "annotate", "verify-commit", "verify-tag",
]);

/** Sub-commands whose arguments decide whether they only look. */
const GIT_ARGUMENT_DEPENDENT = new Set(["branch", "tag", "remote", "config", "stash", "worktree", "reflog", "submodule"]);

function gitReadOnly(args: readonly string[]): boolean {
  // args is argv: git itself is args[0].
  let i = 1;
  while (i < args.length) {
    const a = args[i] as string;
    if (a === "-C") i += 2;
    else if (a === "--no-pager" || a === "-P" || a === "--no-optional-locks" || a.startsWith("--git-dir=") || a.startsWith("--work-tree=")) i++;
    else break;
  }
  const sub = args[i];
  if (sub === undefined) return false;
  const from = i + 1;
  for (let k = from; k < args.length; k++) if (args[k]!.startsWith("--output") || args[k] === "--ext-diff") return false;
  if (GIT_READ_ONLY.has(sub)) return true;
  // Everyday writers (add, commit, push …) are answered without copying their arguments.
  if (!GIT_ARGUMENT_DEPENDENT.has(sub)) return VERSION_ONLY.test(sub) && from === args.length;
  const rest = args.slice(from);
  const positional = rest.filter((a) => !a.startsWith("-"));
  switch (sub) {
    case "branch":
      return !rest.some((a) => /^-(d|D|m|M|c|C|f|u)$|^--(delete|move|copy|force|set-upstream|unset-upstream|edit-description)/.test(a)) && (positional.length === 0 || rest.includes("--list") || rest.includes("-l") || rest.includes("--contains") || rest.includes("--merged"));
    case "tag":
      return positional.length === 0 || rest.includes("-l") || rest.includes("--list");
    case "remote":
      return positional.length === 0 || positional[0] === "show" || positional[0] === "get-url";
    case "config":
      return rest.some((a) => ["--get", "--get-all", "--get-regexp", "--list", "-l", "--show-origin"].includes(a)) || (positional.length === 1 && !rest.some((a) => a === "--unset" || a === "--add"));
    case "stash":
      return positional[0] === "list" || positional[0] === "show";
    case "worktree":
      return positional[0] === "list";
    case "reflog":
      return positional.length === 0 || positional[0] === "show";
    case "submodule":
      return positional[0] === "status";
    default:
      return VERSION_ONLY.test(sub) && rest.length === 0;
  }
}

/** As a Map: looked up per sub-command, and a miss must not find Object.prototype's members. */
const VALIDATORS = new Map(Object.entries(READ_ONLY));

const TOOL_NAME = /^[a-z][a-z0-9._+-]*$/;

export function isReadOnlyArgv(argv: readonly string[]): boolean {
  const name = argv[0];
  if (name === undefined || name.includes("/")) return false;
  const validator = VALIDATORS.get(name);
  if (validator === always) return true;
  if (validator) return validator(argv);
  return argv.length === 2 && VERSION_ONLY.test(argv[1] as string) && TOOL_NAME.test(name);
}
