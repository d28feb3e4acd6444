// Before an install changes anything: what the plugin will be able to do, said plainly, and
// the person's answer. Scripts pass --yes; without a terminal and without --yes nothing is
// installed. Updates ask again only when they widen capabilities or change who signs them.
import { createInterface } from "node:readline/promises";
import { KeelError } from "../errors.ts";
import type { InstallPlan } from "../plugins/index.ts";
import { paint } from "./output.ts";

const CAPABILITY_TEXT: Record<string, string> = {
  "read-files": "read files in your project",
  "write-files": "change files in your project",
  "run-commands": "run commands on this machine",
  network: "reach the network",
  "mcp-server": "start an MCP server (a program that runs on this machine)",
  prompt: "add to what the model is told (commands, agents, skills, prompt sections)",
  ui: "draw in the terminal UI",
};

const CODE = /\.(?:[cm]?js|[cm]?ts|jsx|tsx)$/;

export const describeCapability = (c: string) => CAPABILITY_TEXT[c] ?? c;

/** The lines shown before asking: what changes, what it may do, and why we ask. */
export function consentText(plan: InstallPlan, err = process.stderr): string[] {
  const p = plan.pending;
  const lines: string[] = [];
  const from = plan.current ? ` (installed: ${plan.current.version})` : "";
  lines.push(`${paint.bold(`${p.name} ${p.version}`, err)} from ${p.publisher} — ${p.signed ? "signed" : paint.yellow("UNSIGNED", err)}${from}`);
  if (!p.signed) lines.push(paint.yellow("  nothing vouches for this plugin's files; its capabilities below are inferred from what it ships, not signed", err));
  const caps = p.capabilities;
  if (caps.length === 0) lines.push("  it declares no capabilities");
  else {
    lines.push(plan.current ? "  it will be able to:" : "  once installed it will be able to:");
    for (const c of caps) lines.push(`    ${plan.added.includes(c) && plan.current ? paint.yellow("+ new: ", err) : "- "}${describeCapability(c)} ${paint.dim(`(${c})`, err)}`);
  }
  // Capabilities say what the plugin may reach; they do not say it runs code of its own. Say so.
  const code = p.files.filter((f) => CODE.test(f.path)).map((f) => f.path);
  if (code.length) lines.push(`  it ships code keel runs in a plugin host process (${code.slice(0, 3).join(", ")}${code.length > 3 ? ", …" : ""}), confined to the capabilities above where bubblewrap is available`);
  if (plan.publisherChanged) lines.push(paint.yellow(`  the publisher changed: ${plan.current?.publisher} → ${p.publisher}`, err));
  if (plan.keysChanged) lines.push(paint.yellow("  it is signed by a different publisher key than the installed version", err));
  if (p.flag) lines.push(paint.dim(`  gated by the feature flag ${p.flag}`, err));
  return lines;
}

async function ask(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

/** Resolves when the install may go ahead; false when the person said no. */
export async function consent(plan: InstallPlan, o: { yes?: boolean }): Promise<boolean> {
  if (!plan.needsConsent) return true;
  const text = consentText(plan);
  process.stderr.write(`${text.join("\n")}\n`);
  if (o.yes) return true;
  if (!process.stdin.isTTY) {
    throw new KeelError(`${plan.pending.name} ${plan.pending.version} needs your consent to what it can do, and there is no terminal to ask at; pass --yes to ${plan.current ? "update" : "install"} without asking`);
  }
  return ask(`${plan.current ? "Update" : "Install"} ${plan.pending.name} ${plan.pending.version}? [y/N] `);
}
