// Asking the person at the terminal when the permission gate says "ask": yes once, yes
// always (the rule is remembered for the session and saved to the project's local
// settings), or no with feedback that goes back to the model. One question at a time.
import { createInterface } from "node:readline/promises";
import { editSetting, type LoadedSettings } from "../config/index.ts";
import type { AskAnswer, AskHandler } from "../engine/index.ts";
import { type PermissionGateImpl, suggestRule } from "../safety/index.ts";
import { summarizeInput } from "../tools/index.ts";
import { paint } from "./output.ts";

export interface TerminalAskOptions {
  gate: PermissionGateImpl;
  loaded: LoadedSettings;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream & { isTTY?: boolean };
}

/**
 * The "always" answer, for the terminal prompt and the REPL dialog alike: the rule holds for
 * the rest of the session and is saved to the local layer. Returns the file it went to.
 */
export async function allowAlways(gate: PermissionGateImpl, loaded: LoadedSettings, rule: string): Promise<string> {
  gate.remember({ rule, behavior: "allow", layer: "local" });
  return saveRule(loaded, rule);
}

/** Adds `rule` to the local layer's allow list (read-modify-write through the validated editor). */
async function saveRule(loaded: LoadedSettings, rule: string): Promise<string> {
  const local = loaded.layers.find((l) => l.name === "local");
  const current = ((local?.values.permissions as { allow?: string[] } | undefined)?.allow ?? []).filter((r) => r !== rule);
  const r = await editSetting("local", "permissions.allow", [...current, rule], { cwd: loaded.paths.projectRoot });
  if (local) local.values.permissions = { ...(local.values.permissions as object), allow: r.after as string[] };
  return r.file;
}

export function terminalAsk(o: TerminalAskOptions): AskHandler {
  let queue: Promise<unknown> = Promise.resolve();
  const out = o.output;
  const ask = async (req: { tool: string; input: unknown; reason?: string }): Promise<AskAnswer> => {
    const rule = suggestRule(req.tool, req.input, o.loaded.paths.projectRoot);
    out.write(`\n${paint.bold(`keel wants to use ${req.tool}`, out)}\n  ${summarizeInput(req.input, 300)}\n`);
    if (req.reason) out.write(`  ${paint.dim(`why it asks: ${req.reason}`, out)}\n`);
    out.write(`  y  yes, this once\n  a  yes, and always allow ${rule} in this project\n  n  no (and tell keel why)\n`);
    const rl = createInterface({ input: o.input, output: out, terminal: false });
    try {
      for (;;) {
        const answer = (await rl.question("> ")).trim().toLowerCase();
        if (answer === "y" || answer === "yes") return "allow";
        if (answer === "a" || answer === "always") {
          const file = await allowAlways(o.gate, o.loaded, rule);
          out.write(`  ${paint.dim(`saved ${rule} to ${file}`, out)}\n`);
          return "allow";
        }
        if (answer === "n" || answer === "no") {
          const feedback = (await rl.question("  what should keel do instead? (enter to skip) ")).trim();
          return feedback ? { behavior: "deny", feedback } : "deny";
        }
        out.write("  answer y, a or n\n");
      }
    } finally {
      rl.close();
    }
  };
  return (req) => {
    const next = queue.then(() => ask(req));
    queue = next.catch(() => {});
    return next;
  };
}
