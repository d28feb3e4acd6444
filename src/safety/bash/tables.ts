// Names the checks look for: shells, interpreters, network tools, wrappers, sensitive
// paths and environment variables. Plain data, so a reviewer can read the policy.

/** `-c` (alone or bundled, as in `-lc`): the shell runs the next word as its script. */
const SHELL_COMMAND_FLAG = /^-[a-zA-Z]*c[a-zA-Z]*$/;
export const isShellCommandFlag = (a: string): boolean => SHELL_COMMAND_FLAG.test(a);

/** `-i`, `-ni`, `--in-place…`: sed and perl edit their files in place. */
const IN_PLACE_FLAG = /^-[a-zA-Z]*i/;
export const isInPlaceFlag = (a: string): boolean => IN_PLACE_FLAG.test(a) || a.startsWith("--in-place");

export const SHELLS = new Set(["sh", "bash", "zsh", "dash", "ksh", "mksh", "fish", "csh", "tcsh", "ash", "busybox"]);

/** Interpreter → the flags that take inline code. */
export const INLINE_CODE_FLAGS: Record<string, readonly string[]> = {
  python: ["-c"],
  python2: ["-c"],
  python3: ["-c"],
  pypy: ["-c"],
  pypy3: ["-c"],
  node: ["-e", "--eval", "-p", "--print"],
  nodejs: ["-e", "--eval", "-p", "--print"],
  bun: ["-e", "--eval", "-p", "--print"],
  deno: ["eval"],
  perl: ["-e", "-E"],
  ruby: ["-e"],
  php: ["-r"],
  lua: ["-e"],
  luajit: ["-e"],
  Rscript: ["-e"],
  osascript: ["-e"],
  tclsh: [],
  pwsh: ["-c", "-command", "-Command", "-EncodedCommand", "-e"],
  powershell: ["-c", "-command", "-Command", "-EncodedCommand", "-e"],
};

/** Interpreters that run code read from stdin when given no script. */
export const INTERPRETERS = new Set([...Object.keys(INLINE_CODE_FLAGS), ...SHELLS]);

export const NETWORK_TOOLS = new Set([
  "curl", "wget", "nc", "ncat", "netcat", "socat", "telnet", "ssh", "scp", "sftp", "ftp", "tftp",
  "nmap", "aria2c", "http", "https", "xh", "websocat", "smbclient", "mosh", "lftp", "dig", "nslookup",
  "host", "whois", "ping", "ping6", "traceroute", "axel", "curlie",
]);

export const DOWNLOADERS = new Set(["curl", "wget", "aria2c", "http", "https", "xh", "nc", "ncat", "netcat", "socat", "lftp", "curlie", "fetch"]);

export const PRIVILEGE = new Set(["sudo", "doas", "su", "pkexec", "runuser", "sudoedit"]);

/** Env vars that change what code a program loads or runs. Prefixes end with `*`. */
export const DANGEROUS_ENV = [
  "LD_*", "DYLD_*", "PATH", "BASH_ENV", "ENV", "PROMPT_COMMAND", "PS4", "SHELLOPTS", "BASHOPTS", "BASH_FUNC_*",
  "GLOBIGNORE", "CDPATH", "HOME", "ZDOTDIR", "XDG_CONFIG_HOME", "GIT_SSH", "GIT_SSH_COMMAND", "GIT_EXTERNAL_DIFF",
  "GIT_PAGER", "GIT_EDITOR", "GIT_ASKPASS", "GIT_EXEC_PATH", "GIT_CONFIG*", "GIT_TEMPLATE_DIR", "GIT_PROXY_COMMAND",
  "PAGER", "MANPAGER", "EDITOR", "VISUAL", "SSH_ASKPASS", "SUDO_ASKPASS", "NODE_OPTIONS", "NODE_PATH", "PYTHONPATH",
  "PYTHONSTARTUP", "PYTHONHOME", "PYTHONINSPECT", "PERL5OPT", "PERL5LIB", "PERLLIB", "RUBYOPT", "RUBYLIB", "LESSOPEN",
  "LESSCLOSE", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS", "npm_config_*", "NPM_CONFIG_*", "BUN_OPTIONS",
  "BROWSER", "TERMINAL", "SHELL",
];

const HISTORY_VARIABLE = /^HIST(FILE|SIZE|FILESIZE)$/;
/** A shell variable that decides where or whether history is kept (HISTFILE, HISTSIZE, HISTFILESIZE). */
export const isHistoryVariable = (name: string) => HISTORY_VARIABLE.test(name);

export function isDangerousEnv(name: string): boolean {
  return DANGEROUS_ENV.some((p) => (p.endsWith("*") ? name.startsWith(p.slice(0, -1)) : name === p));
}

/** Git config keys whose value is run as a program or redirects where git fetches code (lower-case). */
const GIT_EXEC_KEYS = new Set([
  "core.sshcommand", "core.hookspath", "core.pager", "core.editor", "core.fsmonitor", "core.gitproxy", "core.askpass",
  "core.worktree", "diff.external", "sequence.editor", "gpg.program", "gpg.ssh.program", "credential.helper",
  "uploadpack.packobjectshook", "include.path", "http.proxy",
]);
const GIT_EXEC_PATTERNS = [
  /^alias\./, /^pager\./, /^filter\..+\.(clean|smudge|process)$/, /^diff\..+\.(textconv|command)$/, /^merge\..+\.driver$/,
  /^includeif\..+\.path$/, /^url\..+\.insteadof$/, /^remote\..+\.(uploadpack|receivepack|proxy)$/, /^credential\..+\.helper$/,
];

export function isGitExecKey(key: string): boolean {
  const k = key.toLowerCase();
  return GIT_EXEC_KEYS.has(k) || GIT_EXEC_PATTERNS.some((re) => re.test(k));
}

/** Top-level system directories: deleting or changing them recursively is never routine. */
export const SYSTEM_DIRS = new Set([
  "/", "/bin", "/boot", "/dev", "/etc", "/home", "/lib", "/lib32", "/lib64", "/opt", "/proc", "/root", "/sbin",
  "/srv", "/sys", "/usr", "/var", "/System", "/Library", "/Applications", "/Users", "/private",
]);

/** Paths (after ~ and $HOME are folded to `~`) where a write is never routine. */
export const SENSITIVE_WRITE: readonly RegExp[] = [
  /(^|\/)\.(ba|z|k|mk|tc|c|)shrc$/i, /(^|\/)\.(bash_)?profile$/i, /(^|\/)\.bash_log(in|out)$/i,
  /(^|\/)\.z(shenv|profile|login|logout)$/i, /(^|\/)\.config\/fish\//i, /(^|\/)\.inputrc$/i,
  /(^|\/)\.git\/hooks(\/|$)/i, /(^|\/)\.git\/config$/i, /(^|\/)\.git\/info\/attributes$/i, /(^|\/)\.gitconfig$/i,
  /(^|\/)\.config\/git\//i, /(^|\/)\.ssh(\/|$)/i, /(^|\/)\.gnupg(\/|$)/i, /(^|\/)authorized_keys$/i,
  /(^|\/)\.keel(\/|$)/i, /(^|\/)\.claude(\/|$)/i, /(^|\/)\.config\/autostart\//i, /(^|\/)\.config\/systemd\//i,
  /(^|\/)\.npmrc$/i, /(^|\/)\.pypirc$/i, /(^|\/)\.netrc$/i, /(^|\/)\.aws\//i, /(^|\/)\.kube\/config$/i,
  /(^|\/)\.docker\/config\.json$/i, /(^|\/)\.local\/bin\//i, /(^|\/)\.vscode\/(settings|tasks)\.json$/i,
  /^\/(etc|usr|bin|sbin|boot|lib|lib64|sys|proc|var\/spool\/cron|Library\/LaunchAgents|System)(\/|$)/,
  /^~\/Library\/LaunchAgents\//, /^\/dev\/(sd|hd|vd|xvd|nvme|mmcblk|disk|mapper)/,
];

export const SENSITIVE_READ: readonly RegExp[] = [
  /(^|\/)\.ssh\/(id_|.*_key$|identity)/i, /(^|\/)id_(rsa|dsa|ecdsa|ed25519)(\.|$)/i, /(^|\/)\.aws\/credentials/i,
  /(^|\/)\.gnupg(\/|$)/i, /(^|\/)\.netrc$/i, /(^|\/)\.pypirc$/i, /(^|\/)\.docker\/config\.json$/i,
  /(^|\/)\.kube\/config$/i, /(^|\/)\.config\/gh\/hosts\.yml$/i, /^\/etc\/(shadow|gshadow|sudoers)/,
  /(^|\/)\.git-credentials$/i, /(^|\/)\.password-store(\/|$)/i, /(^|\/)\.vault-token$/i,
  /(^|\/)\.config\/gcloud\//i, /(^|\/)\.azure\//i, /(^|\/)\.ssh\/?$/,
];

// Regexes as constants: a literal inside a function is a new RegExp object every call.
const HOME_PREFIX = /^(\$HOME|\$\{HOME\}|\/root|\/home\/[^/]+|\/Users\/[^/]+)(?=\/|$)/;
const TILDE_USER = /^~[^/]*/;
const DOT_SEGMENTS = /\/\.\//g;
const SLASH_RUNS = /\/{2,}/g;

/** Folds ~, $HOME, ${HOME}, /root and /home/<user> to `~` so one pattern list covers them. */
export function foldHome(path: string): string {
  // Most paths (src/x.ts, build.log) need none of the four rewrites; each guard only skips
  // a replace that could not match.
  let p = path;
  const head = p.charCodeAt(0);
  if (head === 0x24 /* $ */ || head === 0x2f /* / */) p = p.replace(HOME_PREFIX, "~");
  if (p.charCodeAt(0) === 0x7e /* ~ */) p = p.replace(TILDE_USER, "~");
  // Both rewrites need a slash followed by a dot or a slash; most words have neither.
  const slash = p.indexOf("/");
  if (slash < 0 || slash === p.length - 1) return p;
  if (p.includes("/./")) p = p.replace(DOT_SEGMENTS, "/");
  if (p.includes("//")) p = p.replace(SLASH_RUNS, "/");
  return p;
}

/**
 * The pattern lists as one search per flag set: "some pattern matches somewhere" is the same
 * as "the alternation of all of them matches somewhere", and the shared "at the start or
 * after a slash" prefix is tested once per position instead of once per pattern.
 */
function anyOf(patterns: readonly RegExp[]): { may: (s: string) => boolean; test: (s: string) => boolean } {
  const SEGMENT = "(^|\\/)";
  const groups = new Map<string, { segment: string[]; other: string[] }>();
  for (const re of patterns) {
    const g = groups.get(re.flags) ?? { segment: [], other: [] };
    groups.set(re.flags, g);
    if (re.source.startsWith(SEGMENT)) g.segment.push(`(?:${re.source.slice(SEGMENT.length)})`);
    else g.other.push(`(?:${re.source})`);
  }
  const combined = [...groups].map(([flags, g]) => {
    const parts = [...(g.segment.length ? [`(?:^|\\/)(?:${g.segment.join("|")})`] : []), ...g.other];
    return new RegExp(parts.join("|"), flags);
  });
  // Two flag sets at most (i and none): tested in turn, with no callback per path.
  const [first, second] = combined;
  const may = firstCharacters(patterns);
  if (!first) return { may: () => false, test: () => false };
  return { may, test: second ? (s) => may(s) && (first.test(s) || second.test(s)) : (s) => may(s) && first.test(s) };
}

/**
 * A cheap test that no pattern can match: each starts at the path's start or after a slash
 * with a known character (`.` of `.ssh`, `/` of `/etc`, `a` of `authorized_keys` …), and
 * most paths (src/x.ts, build.log) have none of them there. Patterns it cannot read a first
 * character from are refused when the module loads, so the filter never hides a match.
 * (With the i flag and no u flag, no character past ASCII matches an ASCII one.)
 */
function firstCharacters(patterns: readonly RegExp[]): (s: string) => boolean {
  const atStart = new Uint8Array(128);
  const afterSlash = new Uint8Array(128);
  const mark = (set: Uint8Array, re: RegExp, rest: string) => {
    // One literal character, not optional, and no top-level | after it to start elsewhere.
    const escaped = rest.startsWith("\\");
    const c = escaped ? rest[1] : rest[0];
    const next = rest[escaped ? 2 : 1];
    const literal = escaped ? c === "." || c === "/" : c !== undefined && /[\w~-]/.test(c);
    if (c === undefined || !literal || next === "?" || next === "*" || next === "{" || topLevelBar(rest)) throw new Error(`tables.ts: no first character to filter on in ${re}`);
    set[c.charCodeAt(0)] = 1;
    if (re.flags.includes("i")) {
      set[c.toLowerCase().charCodeAt(0)] = 1;
      set[c.toUpperCase().charCodeAt(0)] = 1;
    }
  };
  for (const re of patterns) {
    if (re.source.startsWith("(^|\\/)")) {
      const rest = re.source.slice("(^|\\/)".length);
      mark(atStart, re, rest);
      mark(afterSlash, re, rest);
    } else if (re.source.startsWith("^")) mark(atStart, re, re.source.slice(1));
    else throw new Error(`tables.ts: ${re} is anchored neither at the start nor after a slash`);
  }
  return (s) => {
    const c0 = s.charCodeAt(0);
    if (c0 < 128 && atStart[c0] === 1) return true;
    for (let i = 0; i < s.length - 1; i++) {
      if (s.charCodeAt(i) !== 0x2f /* / */) continue;
      const c = s.charCodeAt(i + 1);
      if (c < 128 && afterSlash[c] === 1) return true;
    }
    return false;
  };
}

function topLevelBar(source: string): boolean {
  let depth = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") i++;
    else if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === "|" && depth === 0) return true;
  }
  return false;
}

const sensitiveWrite = anyOf(SENSITIVE_WRITE);
const sensitiveRead = anyOf(SENSITIVE_READ);

/**
 * Folding can give a path a new start only when it starts with $, / or ~ ($HOME, /home/u,
 * ~user); collapsing /./ and // makes no new character-after-a-slash. So any other path the
 * first-character filter refuses is refused folded too, and is never folded.
 */
const mayFold = (c: number) => c === 0x24 /* $ */ || c === 0x2f /* / */ || c === 0x7e; /* ~ */

export const isSensitiveWrite = (path: string) => (mayFold(path.charCodeAt(0)) || sensitiveWrite.may(path)) && sensitiveWrite.test(foldHome(path));

export const isSensitiveRead = (raw: string) => {
  const head = raw.charCodeAt(0);
  const path = head === 0x40 /* @ */ || head === 0x3d /* = */ ? raw.slice(1) : raw;
  return (mayFold(path.charCodeAt(0)) || sensitiveRead.may(path)) && sensitiveRead.test(foldHome(path));
};

/** Where output can go without being a write. */
export const HARMLESS_TARGETS = new Set(["/dev/null", "/dev/stdout", "/dev/stderr", "/dev/tty", "-"]);
