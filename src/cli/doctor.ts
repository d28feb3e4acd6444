// `keel doctor [--json]`: is this installation ready? One line per check, a hint under
// each warning, and the next step. Exit 1 only when a check fails outright.
import { DOCTOR_CHECKS, type CheckResult, type CheckStatus } from "./doctor-checks.ts";
import { paint, printJson, printLine } from "./output.ts";
import { processSettings } from "./settings-context.ts";

const MARK: Record<CheckStatus, (s: string) => string> = { ok: paint.green, warn: paint.yellow, fail: paint.red };

export async function runChecks(env: Record<string, string | undefined> = process.env): Promise<CheckResult[]> {
  const loaded = await processSettings();
  return Promise.all(
    DOCTOR_CHECKS.map(async (check) => {
      try {
        return await check({ env, loaded });
      } catch (e) {
        return { id: check.name, title: check.name, status: "fail" as const, detail: `the check itself failed: ${(e as Error).message}` };
      }
    }),
  );
}

export async function doctor(opts: { json?: boolean }): Promise<void> {
  const results = await runChecks();
  const failed = results.some((r) => r.status === "fail");
  if (opts.json) {
    printJson({ ok: !failed, checks: results });
  } else {
    const width = Math.max(...results.map((r) => r.title.length));
    for (const r of results) {
      printLine(`${MARK[r.status](r.status.padEnd(4))}  ${r.title.padEnd(width)}  ${r.detail}`);
      if (r.hint && r.status !== "ok") for (const line of r.hint.split("\n")) printLine(`${" ".repeat(width + 8)}${paint.dim(line)}`);
    }
    const model = results.find((r) => r.id === "model");
    printLine();
    printLine(
      model?.status === "ok"
        ? "Ready: run `keel` for a session, or `keel -p \"…\"` for one prompt."
        : "Next: set ANTHROPIC_API_KEY, then run `keel -p \"…\"`. Everything else above works without it.",
    );
  }
  if (failed) process.exitCode = 1;
}
