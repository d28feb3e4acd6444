// The catalogue of named checks: one id, one level, one reason each. Detection lives in
// text-checks.ts, structure-checks.ts and command-checks.ts; this table is what a person
// (and `keel check-command`) sees.
import type { CheckLevel, FiredCheck } from "./types.ts";

export const CHECKS = {
  "parse-error": ["confirm", "the command does not parse completely (unterminated quote, missing token or syntax error), so what it would run is unknown"],
  "empty-command": ["ask", "there is no command to run"],
  "unicode-whitespace": ["confirm", "contains non-ASCII whitespace, which looks like a space but splits words differently"],
  "hidden-characters": ["confirm", "contains zero-width or bidirectional-control characters that hide or reorder what is shown"],
  "homoglyph": ["confirm", "a word mixes Latin with look-alike letters (Cyrillic, Greek, full-width) or the command name is not ASCII"],
  "control-characters": ["confirm", "contains control characters (carriage return, backspace, NUL …) that can hide text on a terminal"],
  "ansi-escape": ["confirm", "contains terminal escape sequences that can rewrite what the prompt shows"],
  "command-substitution": ["ask", "runs a command inside $(…) whose output becomes part of another command"],
  "backticks": ["ask", "uses `…` command substitution, whose nesting and quoting are easy to misread"],
  "process-substitution": ["ask", "uses <(…) or >(…) to run a hidden command as a file"],
  "function-definition": ["ask", "defines a shell function, which can change what later words in the line mean"],
  "function-shadows-command": ["confirm", "defines a function named like a real command, so that name no longer runs what it seems to"],
  "fork-bomb": ["deny", "a function that calls itself in the background until the machine runs out of processes"],
  "newline-chain": ["ask", "several commands on separate lines; a one-line preview shows only the first"],
  "semicolon-chain": ["ask", "a harmless-looking command followed by `;` and a command that changes things"],
  "background-job": ["ask", "starts a background job (&) that outlives the check of its output"],
  "heredoc-into-interpreter": ["confirm", "feeds a here-document or here-string to a shell or interpreter, which runs it as code"],
  "eval": ["confirm", "eval runs a string as shell code, so what runs is decided at run time"],
  "source-script": ["ask", "source / . runs a script inside the current shell"],
  "exec-replace": ["ask", "exec replaces the shell with another program"],
  "nested-shell": ["confirm", "runs a command string through another shell (sh -c, bash -c …)"],
  "interpreter-one-liner": ["confirm", "runs inline code through an interpreter (python -c, node -e, perl -e …)"],
  "dangerous-env": ["confirm", "sets an environment variable that changes how programs load or run code (LD_PRELOAD, PATH, BASH_ENV, GIT_SSH_COMMAND …)"],
  "ifs-manipulation": ["confirm", "sets or uses IFS, which changes how the shell splits words"],
  "dynamic-command": ["confirm", "the command name comes from an expansion, substitution or glob, so what runs is unknown until run time"],
  "obfuscated-command": ["confirm", "the command name is quoted, escaped or spliced together, which hides what runs"],
  "sensitive-path-write": ["deny", "writes to a sensitive path (shell start-up files, .git/hooks, .git/config, ~/.ssh, agent settings, system directories)"],
  "sensitive-path-read": ["ask", "reads credentials or keys (~/.ssh, ~/.aws, ~/.netrc, /etc/shadow …)"],
  "reverse-shell": ["deny", "hands a shell to a network connection (nc -e, socat exec:, ncat --sh-exec)"],
  "dev-tcp": ["confirm", "opens a network connection through /dev/tcp or /dev/udp"],
  "pipe-to-shell": ["confirm", "pipes data into a shell or interpreter, which runs it as code"],
  "download-execute": ["deny", "downloads content and runs it as code (curl … | sh)"],
  "encoded-payload": ["deny", "decodes a hidden payload (base64 -d, xxd -r …) and runs it"],
  "privilege-escalation": ["confirm", "runs as another user (sudo, su, doas, pkexec)"],
  "destructive-rm": ["deny", "recursively deletes the root, home, current or parent directory, or a system directory"],
  "rm-variable-path": ["ask", "deletes recursively through a variable or glob that could expand to something unintended"],
  "rm-outside-project": ["ask", "deletes recursively outside the working directory"],
  "disk-destruction": ["deny", "overwrites or formats a disk or device (mkfs, dd of=/dev/…, wipefs, shred on a device)"],
  "recursive-system-change": ["deny", "changes ownership or permissions recursively on / or the home directory"],
  "world-writable": ["ask", "makes files writable by every user (chmod 777 / o+w)"],
  "network-tool": ["ask", "uses a network tool while network access is not allowed"],
  "git-config-exec": ["confirm", "sets a git option that runs programs (core.sshCommand, core.hooksPath, core.pager, alias …)"],
  "persistence": ["ask", "schedules or installs something that keeps running later (crontab, systemctl, at, nohup …)"],
  "kill-processes": ["ask", "kills processes by name or all processes"],
  "history-tampering": ["ask", "clears or disables shell history"],
  "alias-definition": ["ask", "defines an alias, which changes what later commands mean"],
  "trap-handler": ["confirm", "installs a trap whose string runs as code when a signal arrives"],
  "nesting-limit": ["confirm", "nests $(…), subshells or shell scripts deeper than the analysis follows, so what runs inside is not checked"],
} as const satisfies Record<string, readonly [CheckLevel, string]>;

export type CheckId = keyof typeof CHECKS;

export const CHECK_IDS = Object.keys(CHECKS) as CheckId[];

const MAX_DETAIL = 80;

export function fire(id: CheckId, detail?: string, command?: number): FiredCheck {
  const [level, reason] = CHECKS[id];
  const fired: FiredCheck = { id, level, reason };
  if (detail !== undefined) fired.detail = shorten(detail);
  if (command !== undefined) fired.command = command;
  return fired;
}

const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/u;
const INVISIBLE_ALL = new RegExp(INVISIBLE.source, "gu");
const escapeInvisible = (c: string) => `\\u{${c.codePointAt(0)!.toString(16)}}`;

/** A detail as shown: invisible characters spelled out, cut to MAX_DETAIL. Runs per fired check, so no regex or closure is made per call. */
function shorten(s: string): string {
  // Every character becomes at least one visible one, so the first MAX_DETAIL + 1 decide the
  // result: a 10 KB heredoc costs no more to show than a short command.
  const head = s.length > MAX_DETAIL + 1 ? s.slice(0, MAX_DETAIL + 1) : s;
  const visible = INVISIBLE.test(head) ? head.replace(INVISIBLE_ALL, escapeInvisible) : head;
  return visible.length > MAX_DETAIL ? `${visible.slice(0, MAX_DETAIL - 1)}…` : visible;
}
