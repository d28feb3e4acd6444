// The permission seam every tool run passes. The real rule engine lives in safety/
// (the CLI passes its gate in); the engine only knows this interface. The default allows
// everything. "ask" goes to an AskHandler, and with no one to ask, is a deny.
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

/** Splits the CLI's comma- or space-separated tool lists, keeping `Bash(a b)` whole. */
export function parseToolList(values: readonly string[] | undefined): string[] {
  const out: string[] = [];
  for (const v of values ?? []) {
    for (const m of v.matchAll(/[^\s,()]+(?:\([^)]*\))?/g)) out.push(m[0]);
  }
  return out;
}
