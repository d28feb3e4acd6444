// The permission decision: one pure function over the request and the ordered rules.
// Deny wins over everything; bypassPermissions skips asking but not denying; a compound
// command is allowed only when every part is, so approving `git status` never grants `rm`.
import type { BashAnalysis, SubCommand } from "../bash/index.ts";
import { isInside, pathMatches } from "./paths.ts";
import { type Behavior, EDIT_TOOLS, type PermissionMode, type Rule, ruleNamesTool } from "./rule.ts";

export interface PermissionRequest {
  tool: string;
  readOnly: boolean;
  mode: PermissionMode;
  /** Path tools: the real path the call touches. */
  path?: string;
  /** Bash: the analysis of the command. */
  bash?: BashAnalysis;
  /**
   * Bash: per sub-command, the real paths of the files it reads and writes (the words that
   * are plain paths), so Read and Edit deny rules hold for `cat` and `>` too. Set when such
   * a rule exists.
   */
  bashPaths?: readonly BashPaths[];
  /** Real paths of the project root and additionalDirectories; edits outside them ask. */
  workspace: readonly string[];
  /** Project root that relative rule patterns are anchored to. */
  root: string;
  home?: string;
}

export interface BashPaths {
  reads: readonly string[];
  writes: readonly string[];
}

export interface PermissionResult {
  behavior: Behavior;
  reason: string;
  /** The rule that decided, when one did. */
  rule?: Rule;
}

const named = (r: Rule) => `${r.rule} (${r.layer})`;

/** Does a Bash rule's content cover this sub-command? `x:*` and `x *` are prefixes, else exact. */
export function bashRuleCovers(content: string, c: SubCommand, useEffective = true): boolean {
  const words = (useEffective ? c.effective : c.argv).join(" ");
  const prefix = /(?::\*| \*)$/.test(content) ? content.replace(/(?::\*| \*)$/, "") : undefined;
  if (prefix !== undefined) return words === prefix || words.startsWith(`${prefix} `);
  return words === content || c.text.trim() === content;
}

function ruleCovers(rule: Rule, req: PermissionRequest, sub?: SubCommand): boolean {
  if (!ruleNamesTool(rule, req.tool)) return false;
  if (rule.content === undefined) return true;
  if (req.tool === "Bash") return sub !== undefined && (bashRuleCovers(rule.content, sub) || bashRuleCovers(rule.content, sub, false));
  if (req.path !== undefined) return pathMatches(rule.content, req.path, req.root, req.home);
  return false;
}

const find = (rules: readonly Rule[], behavior: Behavior, req: PermissionRequest, sub?: SubCommand) =>
  rules.find((r) => r.behavior === behavior && ruleCovers(r, req, sub));

/** A Read (or Edit/Write) deny rule whose pattern covers a path a Bash command reads (writes). */
const pathDeny = (rules: readonly Rule[], family: "Read" | "Edit", path: string, req: PermissionRequest) =>
  rules.find((r) => r.behavior === "deny" && r.content !== undefined && namesFamily(r, family) && pathMatches(r.content, path, req.root, req.home));

/** A rule that can deny a path: on Read (or a reading tool), or on Edit, Write (or another editing tool). */
export const namesFamily = (r: Rule, family: "Read" | "Edit"): boolean =>
  family === "Read" ? ruleNamesTool(r, "Read") : ruleNamesTool(r, "Edit") || ruleNamesTool(r, "Write");

export function evaluate(req: PermissionRequest, rules: readonly Rule[]): PermissionResult {
  return req.tool === "Bash" && req.bash ? evaluateBash(req, req.bash, rules) : evaluateTool(req, rules);
}

function evaluateTool(req: PermissionRequest, rules: readonly Rule[]): PermissionResult {
  const deny = find(rules, "deny", req);
  if (deny) return { behavior: "deny", reason: `denied by ${named(deny)}`, rule: deny };
  if (req.mode === "bypassPermissions") return { behavior: "allow", reason: "bypassPermissions mode" };
  // Plan mode is read-only whatever the allow rules say.
  if (req.mode === "plan" && !req.readOnly) return { behavior: "deny", reason: "plan mode is read-only" };
  const ask = find(rules, "ask", req);
  if (ask) return { behavior: "ask", reason: `${named(ask)} asks first`, rule: ask };
  const allow = find(rules, "allow", req);
  if (allow) return { behavior: "allow", reason: `allowed by ${named(allow)}`, rule: allow };
  if (req.readOnly) return { behavior: "allow", reason: "read-only" };
  const inWorkspace = req.path !== undefined && isInside(req.path, req.workspace);
  if (req.mode === "acceptEdits" && EDIT_TOOLS.has(req.tool) && inWorkspace) return { behavior: "allow", reason: "acceptEdits mode" };
  if (req.path !== undefined && !inWorkspace) return { behavior: "ask", reason: `${req.path} is outside the project` };
  return { behavior: "ask", reason: `${req.tool} changes things` };
}

function evaluateBash(req: PermissionRequest, a: BashAnalysis, rules: readonly Rule[]): PermissionResult {
  for (const c of a.commands) {
    const deny = find(rules, "deny", req, c);
    if (deny) return { behavior: "deny", reason: `\`${c.text}\` is denied by ${named(deny)}`, rule: deny };
  }
  const paths = req.bashPaths ?? [];
  // Each path once per family: a long line names the same files again and again.
  const cleared = new Set<string>();
  for (let i = 0; i < paths.length && i < a.commands.length; i++) {
    const c = a.commands[i]!;
    for (const [family, verb, list] of [["Edit", "writes", paths[i]!.writes], ["Read", "reads", paths[i]!.reads]] as const) {
      for (const path of list) {
        if (cleared.has(`${family}:${path}`)) continue;
        const deny = pathDeny(rules, family, path, req);
        if (deny) return { behavior: "deny", reason: `\`${c.text}\` ${verb} ${path}, denied by ${named(deny)}`, rule: deny };
        cleared.add(`${family}:${path}`);
      }
    }
  }
  const fatal = a.checks.filter((c) => c.level === "deny");
  if (fatal.length) return { behavior: "deny", reason: fatal.map((c) => `${c.id}: ${c.reason}`).join("; ") };
  if (req.mode === "bypassPermissions") return { behavior: "allow", reason: "bypassPermissions mode" };

  const needs: string[] = [];
  if (!a.parsed) needs.push("the command could not be fully parsed");
  for (const c of a.checks) if (c.command === undefined) needs.push(`${c.id}: ${c.reason}`);
  let decidedBy: Rule | undefined;
  a.commands.forEach((c, i) => {
    const fired = a.checks.filter((k) => k.command === i);
    const confirm = fired.filter((k) => k.level === "confirm");
    if (confirm.length) return void needs.push(...confirm.map((k) => `${k.id}: ${k.reason}`));
    const readOnly = c.readOnly && fired.length === 0;
    if (req.mode === "plan" && !readOnly) return void needs.push(`plan mode is read-only: \`${c.text}\``);
    const ask = find(rules, "ask", req, c);
    if (ask) return void needs.push(`\`${c.text}\`: ${named(ask)} asks first`);
    const allow = find(rules, "allow", req, c);
    if (allow) return void (decidedBy ??= allow);
    if (readOnly) return;
    needs.push(fired.length ? fired.map((k) => `${k.id}: ${k.reason}`).join("; ") : `\`${c.text}\` needs approval`);
  });
  if (needs.length === 0) {
    return decidedBy ? { behavior: "allow", reason: `allowed by ${named(decidedBy)}`, rule: decidedBy } : { behavior: "allow", reason: "read-only" };
  }
  if (req.mode === "plan" && needs.every((n) => n.startsWith("plan mode"))) return { behavior: "deny", reason: needs.join("; ") };
  return { behavior: "ask", reason: needs.join("; ") };
}
