// Checks on how sub-commands are put together: substitutions, pipelines into shells,
// functions, heredocs, chaining and background jobs.
import { type CheckId, fire } from "./checks.ts";
import { type Facts, type Range, SEP_NEWLINE, SEP_SEMICOLON } from "./extract.ts";
import { DOWNLOADERS, INTERPRETERS, isDangerousEnv, isHistoryVariable, isSensitiveRead, isShellCommandFlag, SHELLS } from "./tables.ts";
import type { FiredCheck, SubCommand } from "./types.ts";

/** Commands a function name may not shadow: builtins and everyday tools. */
const SHADOWED = new Set([
  "cd", "ls", "cat", "echo", "printf", "rm", "cp", "mv", "git", "npm", "node", "bun", "yarn", "pnpm", "python", "python3",
  "make", "cargo", "go", "docker", "sudo", "test", "[", "true", "false", "exit", "source", "eval", "exec", "command",
  "builtin", "type", "which", "grep", "find", "sed", "awk", "curl", "wget", "ssh", "sh", "bash", "zsh", "env", "export",
  "read", "pwd", "mkdir", "chmod", "kill", "set", "unset", "alias", "trap", "head", "tail", "less", "tee", "touch",
]);

/** Things that only set up the shell: `cd x; make` is not an injection. */
const SETUP = new Set(["cd", "pushd", "popd", "set", "export", "source", ".", "shopt", "umask", "ulimit", "true", ":"]);

export function structureChecks(facts: Facts, commands: readonly SubCommand[]): FiredCheck[] {
  const out: FiredCheck[] = [];
  // notReadOnly[i]: how many of the first i commands are not read-only, so a range asks in O(1).
  const notReadOnly = new Uint32Array(commands.length + 1);
  for (let i = 0; i < commands.length; i++) notReadOnly[i + 1] = notReadOnly[i]! + (commands[i]!.readOnly ? 0 : 1);
  const readOnlyBetween = (start: number, end: number) => notReadOnly[end] === notReadOnly[start];
  const rangeRO = (r: Range) => readOnlyBetween(r[0], r[1]);
  const setsUp = (start: number, end: number) => {
    for (let i = start; i < end; i++) if (SETUP.has(commands[i]!.effective[0] ?? "")) return true;
    return false;
  };
  const hasDownloader = (r: Range) => {
    for (let i = r[0]; i < r[1]; i++) if (DOWNLOADERS.has(commands[i]!.effective[0] ?? "")) return true;
    return false;
  };
  const hasDecoder = (r: Range) => slice(commands, r).some(isDecoder);
  // A long line repeats itself: the same `$(date)` or command after a newline, fifty times.
  // The copies would be dropped by dedupe; not firing them saves making and keying each.
  const seen = new Map<CheckId, Set<string>>();
  const fireOnce = (id: CheckId, text: string | undefined) => {
    if (text !== undefined) {
      let texts = seen.get(id);
      if (!texts) seen.set(id, (texts = new Set()));
      if (texts.has(text)) return;
      texts.add(text);
    }
    out.push(fire(id, text));
  };

  if (facts.errors.length) out.push(fire("parse-error", facts.errors[0]));
  if (facts.tooDeep !== undefined) out.push(fire("nesting-limit", facts.tooDeep));
  if (commands.length === 0 && facts.assignments.length === 0 && facts.functions.length === 0) out.push(fire("empty-command"));

  for (const s of facts.substitutions) {
    if (s.backtick) fireOnce("backticks", s.text);
    else if (!rangeRO(s.range)) fireOnce("command-substitution", s.text);
    runsPayload(s.range, s.owner, s.text, false);
  }
  for (const p of facts.processSubs) {
    if (p.output || !rangeRO(p.range)) fireOnce("process-substitution", p.text);
    runsPayload(p.range, p.owner, p.text, true);
  }

  for (const f of facts.functions) {
    out.push(fire("function-definition", f.text));
    if (SHADOWED.has(f.name)) out.push(fire("function-shadows-command", f.name));
    const self = f.name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    if (new RegExp(`${self}\\s*\\|\\s*${self}|${self}\\s*&`).test(f.text)) out.push(fire("fork-bomb", f.text));
  }

  for (const stages of facts.pipelines) {
    for (let k = 1; k < stages.length; k++) {
      const at = stages[k]!;
      const head = commands[at];
      if (!head || !readsCodeFromStdin(head.effective)) continue;
      const upstream: Range = [stages[0]!, at];
      if (hasDownloader(upstream)) out.push(fire("download-execute", head.text, at));
      else if (hasDecoder(upstream)) out.push(fire("encoded-payload", head.text, at));
      else out.push(fire("pipe-to-shell", head.text, at));
    }
  }

  for (const h of facts.heredocs) {
    const c = commands[h.command];
    if (c && INTERPRETERS.has(c.effective[0] ?? "") && readsCodeFromStdin(c.effective)) out.push(fire("heredoc-into-interpreter", h.text, h.command));
  }

  const seqs = facts.sequences;
  for (let k = 0; k < seqs.length; k += 5) {
    const sep = seqs[k]!;
    const leftRO = readOnlyBetween(seqs[k + 1]!, seqs[k + 2]!);
    const right = seqs[k + 3]!;
    const rightRO = readOnlyBetween(right, seqs[k + 4]!);
    if (sep === SEP_NEWLINE && !(leftRO && rightRO)) fireOnce("newline-chain", commands[right]?.text);
    if (sep === SEP_SEMICOLON && leftRO && !rightRO && !setsUp(seqs[k + 1]!, seqs[k + 2]!)) fireOnce("semicolon-chain", commands[right]?.text);
  }
  if (facts.background.length) out.push(fire("background-job", commands[facts.background[0]![0]]?.text));

  for (const a of facts.assignments) {
    if (a.name === "IFS") out.push(fire("ifs-manipulation", a.text));
    if (isDangerousEnv(a.name)) out.push(fire("dangerous-env", a.text));
    if (isHistoryVariable(a.name)) out.push(fire("history-tampering", a.text));
    // `f=~/.ssh/id_rsa; cat $f`: the path travels through a variable.
    if (isSensitiveRead(a.value)) out.push(fire("sensitive-path-read", a.text));
  }
  return dedupe(out);

  /**
   * A substitution whose output eval, source or a shell runs as code; or a <(…) handed to
   * any interpreter as its script. Arguments of other programs are data, not code.
   */
  function runsPayload(r: Range, owner: number, text: string, asFile: boolean) {
    const host = commands[owner];
    if (!host) return;
    const n = host.effective[0] ?? "";
    const runsCode = n === "eval" || n === "source" || n === ".";
    if (!runsCode && !SHELLS.has(n) && !(asFile && INTERPRETERS.has(n))) return;
    if (hasDownloader(r)) out.push(fire("download-execute", text, owner));
    else if (hasDecoder(r)) out.push(fire("encoded-payload", text, owner));
    else out.push(fire("pipe-to-shell", text, owner));
  }
}

/** A shell or interpreter with no script file reads its program from stdin. */
function readsCodeFromStdin(argv: readonly string[]): boolean {
  const name = argv[0];
  if (!name || !INTERPRETERS.has(name)) return name === "source" || name === "." ? argv[1] === "/dev/stdin" || argv[1] === "-" : false;
  // Loops over argv from 1: this runs for every pipeline stage, hundreds in a long line.
  const shell = SHELLS.has(name);
  let operand: string | undefined;
  let dashS = false;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (shell && isShellCommandFlag(a)) return false;
    if (a === "-s") dashS = true;
    if (operand === undefined && (!a.startsWith("-") || a === "-")) operand = a;
  }
  return operand === undefined || operand === "-" || dashS || operand === "/dev/stdin";
}

function isDecoder(c: SubCommand): boolean {
  const [name, ...args] = c.effective;
  if (name === "base64" || name === "base32" || name === "basenc") return args.some((a) => /^-[a-zA-Z]*[dD]$|^--decode$/.test(a));
  if (name === "xxd") return args.some((a) => /^-[a-z]*r/.test(a));
  if (name === "openssl") return args.some((a) => a === "-d" || a === "-base64" && args.includes("-d"));
  if (name === "uudecode" || name === "gunzip" || name === "zcat" || name === "rev") return true;
  if (name === "printf" || name === "echo") return args.some((a) => /\\x[0-9a-fA-F]{2}|\\[0-7]{3}/.test(a));
  return false;
}

function slice<T>(xs: readonly T[], r: Range): T[] {
  return xs.slice(r[0], r[1]);
}

function dedupe(checks: FiredCheck[]): FiredCheck[] {
  if (checks.length < 2) return checks;
  const seen = new Set<string>();
  const out: FiredCheck[] = [];
  for (const c of checks) {
    const key = `${c.id}:${c.command ?? ""}:${c.detail ?? ""}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(c);
  }
  return out;
}
