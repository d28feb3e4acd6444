// Finds the command a wrapper runs: `timeout 5 npm test` runs npm, `xargs rm` runs rm,
// `find . -exec rm {} ;` runs rm. Checks and rules look at that inner command too.
import { NONE } from "./shared.ts";

/** Wrapper → how many leading words (after its own options) belong to the wrapper. */
const WRAPPERS: Record<string, { valueFlags: readonly string[]; positional: number }> = {
  timeout: { valueFlags: ["-s", "--signal", "-k", "--kill-after"], positional: 1 },
  nice: { valueFlags: ["-n", "--adjustment"], positional: 0 },
  ionice: { valueFlags: ["-c", "-n", "-p", "-t"], positional: 0 },
  nohup: { valueFlags: [], positional: 0 },
  time: { valueFlags: ["-f", "--format", "-o", "--output"], positional: 0 },
  stdbuf: { valueFlags: ["-i", "-o", "-e"], positional: 0 },
  command: { valueFlags: [], positional: 0 },
  builtin: { valueFlags: [], positional: 0 },
  exec: { valueFlags: ["-a"], positional: 0 },
  xargs: { valueFlags: ["-I", "-i", "-n", "-P", "-d", "-L", "-l", "-s", "-a", "-E", "-e", "--max-args", "--max-procs", "--delimiter", "--arg-file", "--replace"], positional: 0 },
  watch: { valueFlags: ["-n", "--interval", "-d"], positional: 0 },
  unbuffer: { valueFlags: [], positional: 0 },
  setsid: { valueFlags: [], positional: 0 },
  flock: { valueFlags: ["-w", "--timeout", "-E", "--conflict-exit-code"], positional: 1 },
  chrt: { valueFlags: [], positional: 1 },
  taskset: { valueFlags: [], positional: 1 },
  caffeinate: { valueFlags: ["-t", "-w"], positional: 0 },
  sudo: { valueFlags: ["-u", "-g", "-C", "-D", "-h", "-p", "-r", "-t", "-U", "--user", "--group"], positional: 0 },
  doas: { valueFlags: ["-u", "-C"], positional: 0 },
  env: { valueFlags: ["-u", "--unset", "-C", "--chdir", "-S", "--split-string"], positional: 0 },
};

/** A Set, not the record: a miss on an object walks its prototype chain (and finds "constructor"). */
const WRAPPER_NAMES = new Set([...Object.keys(WRAPPERS), "find"]);

const ENV_PAIR = /^[A-Za-z_][A-Za-z0-9_]*=/;

export interface Unwrapped {
  argv: readonly string[];
  env: readonly { name: string; value: string }[];
  wrappers: readonly string[];
}

/**
 * The innermost argv a chain of wrappers runs, and any NAME=value pairs `env` sets on the
 * way; undefined when the command wraps nothing (nearly all do not), so nothing is made.
 */
export function unwrap(argv: readonly string[]): Unwrapped | undefined {
  const first = argv[0];
  if (first === undefined || !WRAPPER_NAMES.has(first)) return undefined;
  let current: readonly string[] = argv;
  // Made at the first wrapper or pair: `find` without -exec, the most common, makes neither.
  let env: { name: string; value: string }[] | undefined;
  let wrappers: string[] | undefined;
  for (let depth = 0; depth < 8; depth++) {
    const name = current[0];
    if (name === undefined) break;
    if (name === "find") {
      const inner = findExec(current);
      if (!inner) break;
      (wrappers ??= []).push(name);
      current = inner;
      continue;
    }
    const spec = WRAPPER_NAMES.has(name) ? WRAPPERS[name] : undefined;
    if (!spec) break;
    if (name === "command" && (current[1] === "-v" || current[1] === "-V")) break;
    let i = 1;
    while (i < current.length) {
      const word = current[i] as string;
      if (word === "--") {
        i++;
        break;
      }
      if (name === "env" && ENV_PAIR.test(word)) {
        const eq = word.indexOf("=");
        (env ??= []).push({ name: word.slice(0, eq), value: word.slice(eq + 1) });
        i++;
        continue;
      }
      if (!word.startsWith("-") || word === "-") break;
      i += spec.valueFlags.includes(word) ? 2 : 1;
    }
    i += spec.positional;
    if (i >= current.length) break;
    (wrappers ??= []).push(name);
    current = current.slice(i);
  }
  return wrappers || env ? { argv: current, env: env ?? NONE, wrappers: wrappers ?? NONE } : undefined;
}

/** `find … -exec CMD … ;` → CMD …; undefined when there is no -exec. */
function findExec(argv: readonly string[]): string[] | undefined {
  let at = 1;
  while (at < argv.length && !EXEC_ACTIONS.has(argv[at]!)) at++;
  if (at >= argv.length) return undefined;
  let end = at + 1;
  while (end < argv.length && !EXEC_ENDS.has(argv[end]!)) end++;
  return end > at + 1 ? argv.slice(at + 1, end) : undefined;
}

const EXEC_ACTIONS = new Set(["-exec", "-execdir", "-ok", "-okdir"]);
const EXEC_ENDS = new Set([";", "+", "\\;"]);
