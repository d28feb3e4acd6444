// The permission seam every tool run passes. The real rule engine lives in safety/;
// the engine only knows this interface. The default allows everything; a name filter
// serves --allowed-tools. "ask" goes to an AskHandler, and with no one to ask, is a deny.
import type { Tool } from "./tool-contract.ts";

export type PermissionDecision = { behavior: "allow" } | { behavior: "deny"; reason: string } | { behavior: "ask"; reason?: string };

export interface PermissionGate {
  check(tool: Tool, input: unknown, ctx: { cwd: string }): PermissionDecision | Promise<PermissionDecision>;
}

/**
 * The person's answer to an "ask": allow or deny, and with a denial, optional feedback
 * that goes to the model. ("Always" is the handler's business: it remembers a rule.)
 */
export type AskAnswer = "allow" | "deny" | { behavior: "allow" | "deny"; feedback?: string };

/** Answers an "ask" (the UI or a terminal prompt); absent when no one is there. */
export type AskHandler = (req: { tool: string; input: unknown; reason?: string }) => Promise<AskAnswer>;

export const allowAll: PermissionGate = { check: () => ({ behavior: "allow" }) };

/**
 * --allowed-tools: listed tools run without asking, others ask (and so are denied headless).
 * A rule like `Bash(git:*)` names its tool; its content part is safety/'s business, so here
 * it does not allow the whole tool.
 */
export function allowListGate(allowed: readonly string[]): PermissionGate {
  const names = new Set(allowed.filter((r) => !r.includes("(")).map((r) => r.trim()));
  return {
    check: (tool) =>
      names.has(tool.name) ? { behavior: "allow" } : { behavior: "ask", reason: `${tool.name} is not in --allowed-tools` },
  };
}

/** Splits the CLI's comma- or space-separated tool lists, keeping `Bash(a b)` whole. */
export function parseToolList(values: readonly string[] | undefined): string[] {
  const out: string[] = [];
  for (const v of values ?? []) {
    for (const m of v.matchAll(/[^\s,()]+(?:\([^)]*\))?/g)) out.push(m[0]);
  }
  return out;
}
