// Permission rules as Claude Code users write them: `Tool` or `Tool(content)`, e.g.
// `Bash(git status:*)`, `Edit(src/**)`, `Read(~/.ssh/**)`, `WebFetch`, `mcp__github__*`.
import { KeelError } from "../../errors.ts";

export type Behavior = "allow" | "ask" | "deny";
export type PermissionMode = "default" | "acceptEdits" | "plan" | "bypassPermissions";
export const PERMISSION_MODES: readonly PermissionMode[] = ["default", "acceptEdits", "plan", "bypassPermissions"];

export interface RuleInput {
  rule: string;
  behavior: Behavior;
  /** Where it came from (settings layer, `cli`, `session`), for messages. */
  layer: string;
}

export interface Rule extends RuleInput {
  tool: string;
  content?: string;
}

const RULE = /^([A-Za-z0-9_*-]+)(?:\((.*)\))?$/s;

export function parseRule(input: RuleInput): Rule {
  const m = RULE.exec(input.rule.trim());
  if (!m) throw new KeelError(`permission rule "${input.rule}" (${input.layer}): expected Tool or Tool(pattern)`);
  const content = m[2]?.trim();
  return { ...input, tool: m[1] as string, ...(content ? { content } : {}) };
}

/** Rules that parse; a malformed one is reported through `onError` and skipped. */
export function parseRules(inputs: readonly RuleInput[], onError: (e: KeelError) => void = () => {}): Rule[] {
  const out: Rule[] = [];
  for (const r of inputs) {
    try {
      out.push(parseRule(r));
    } catch (e) {
      onError(e as KeelError);
    }
  }
  return out;
}

/** Tools whose rules name a path, and which path rule family applies to them. */
export const EDIT_TOOLS = new Set(["Edit", "MultiEdit", "Write", "NotebookEdit"]);
export const READ_TOOLS = new Set(["Read", "Glob", "Grep", "LS"]);

/** Does a rule's tool part name this tool? `Edit` rules cover every editing tool, `Read` every reading one. */
export function ruleNamesTool(rule: Rule, tool: string): boolean {
  if (rule.tool === tool) return true;
  if (rule.tool === "Edit" && EDIT_TOOLS.has(tool)) return true;
  if (rule.tool === "Read" && READ_TOOLS.has(tool)) return true;
  // `mcp__github` names every tool of that MCP server, as Claude Code reads it; `plugin__buddy` every host tool of a plugin.
  const prefix = /^(mcp|plugin)__/.exec(rule.tool)?.[0];
  if (prefix && !rule.tool.includes("*") && !rule.tool.slice(prefix.length).includes("__")) return tool.startsWith(`${rule.tool}__`);
  if (rule.tool.includes("*")) return new RegExp(`^${rule.tool.split("*").map(escape).join(".*")}$`).test(tool);
  return false;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
