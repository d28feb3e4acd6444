// `keel check-command "<cmd>"`: runs the bash analysis the permission gate uses and shows
// the verdict, every check that fired and the sub-commands found. The exit code carries
// the verdict so scripts can branch on it: 0 allow, 2 ask, 3 deny (1 stays usage errors).
import { KeelError } from "../errors.ts";
import { analyzeBash, type BashAnalysis, type Verdict } from "../safety/index.ts";
import { paint, printJson, printLine } from "./output.ts";

export const VERDICT_EXIT: Record<Verdict, number> = { allow: 0, ask: 2, deny: 3 };

export interface CheckCommandOptions {
  json?: boolean;
  network?: boolean;
}

export async function checkCommand(command: string, opts: CheckCommandOptions): Promise<void> {
  if (command.length > 1_000_000) throw new KeelError("the command is over 1 MB; refusing to analyse it", 1);
  const analysis = await analyzeBash(command, { network: Boolean(opts.network) });
  if (opts.json) printJson({ ...analysis, exitCode: VERDICT_EXIT[analysis.verdict] });
  else printHuman(analysis);
  process.exitCode = VERDICT_EXIT[analysis.verdict];
}

function printHuman(a: BashAnalysis): void {
  const colour = a.verdict === "allow" ? paint.green : a.verdict === "ask" ? paint.yellow : paint.red;
  printLine(`verdict: ${colour(a.verdict)}${a.readOnly ? " (read-only)" : ""}`);
  if (a.checks.length === 0) printLine("checks: none fired");
  else {
    printLine(`checks (${a.checks.length}):`);
    for (const c of a.checks) {
      const where = c.command !== undefined ? ` [command ${c.command + 1}]` : "";
      printLine(`  ${c.level.padEnd(7)} ${paint.bold(c.id)}${where}: ${c.reason}`);
      if (c.detail) printLine(`          ${paint.dim(c.detail)}`);
    }
  }
  printLine(`commands (${a.commands.length}):`);
  a.commands.forEach((c, i) => {
    const tags = [c.readOnly ? "read-only" : "", ...c.context].filter(Boolean);
    printLine(`  ${i + 1}. ${JSON.stringify(c.argv)}${tags.length ? `  ${paint.dim(`(${tags.join(", ")})`)}` : ""}`);
    if (c.effective.join("\0") !== c.argv.join("\0")) printLine(`     runs: ${JSON.stringify(c.effective)}`);
    for (const a2 of c.assignments) printLine(`     env: ${a2.name}=${a2.value}`);
    for (const r of c.redirects) printLine(`     redirect: ${r.fd ?? ""}${r.op} ${r.target}`);
  });
}
