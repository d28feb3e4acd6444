// The headless options as commander hands them over, checked into one typed value.
// Pure: every bad value becomes a KeelError naming its flag.
import { KeelError } from "../errors.ts";

export type OutputFormat = "text" | "json" | "stream-json";

export interface HeadlessOptions {
  /** The -p value; `true` when -p was given without one (the prompt comes from stdin). */
  print?: string | boolean;
  outputFormat: OutputFormat;
  model?: string;
  maxTurns?: number;
  allowedTools: string[];
  disallowedTools: string[];
  continue: boolean;
  resume?: string;
  appendSystemPrompt?: string;
  executor: "streaming" | "batch";
  /** --permission-mode; settings.permissions.defaultMode applies when absent. */
  permissionMode?: string;
  /** --speculative (flag `speculative`): the run's changes wait in an overlay. */
  speculative: boolean;
  fallbackModel?: string;
  unattended: boolean;
  /** --plugin-dir (repeatable): plugins loaded from these directories for this run. */
  pluginDirs?: string[];
}

const FORMATS: readonly OutputFormat[] = ["text", "json", "stream-json"];

export function headlessOptions(raw: Record<string, unknown>): HeadlessOptions {
  const format = (raw.outputFormat as string | undefined) ?? "text";
  if (!FORMATS.includes(format as OutputFormat)) {
    throw new KeelError(`--output-format must be one of ${FORMATS.join(", ")} (got "${format}")`);
  }
  let maxTurns: number | undefined;
  if (raw.maxTurns !== undefined) {
    maxTurns = Number(raw.maxTurns);
    if (!Number.isInteger(maxTurns) || maxTurns < 1) throw new KeelError(`--max-turns must be a whole number ≥ 1 (got "${String(raw.maxTurns)}")`);
  }
  if (raw.continue && raw.resume) throw new KeelError("--continue and --resume cannot be used together");
  const executor = (raw.executor as string | undefined) ?? "streaming";
  if (executor !== "streaming" && executor !== "batch") throw new KeelError(`--executor must be streaming or batch (got "${executor}")`);
  const list = (v: unknown) => (Array.isArray(v) ? (v as string[]) : typeof v === "string" ? [v] : []);
  return {
    ...(raw.print !== undefined ? { print: raw.print as string | boolean } : {}),
    outputFormat: format as OutputFormat,
    ...(typeof raw.model === "string" ? { model: raw.model } : {}),
    ...(maxTurns !== undefined ? { maxTurns } : {}),
    allowedTools: list(raw.allowedTools),
    disallowedTools: list(raw.disallowedTools),
    continue: raw.continue === true,
    ...(typeof raw.resume === "string" ? { resume: raw.resume } : {}),
    ...(typeof raw.appendSystemPrompt === "string" ? { appendSystemPrompt: raw.appendSystemPrompt } : {}),
    executor,
    ...(typeof raw.permissionMode === "string" ? { permissionMode: raw.permissionMode } : {}),
    speculative: raw.speculative === true,
    ...(typeof raw.fallbackModel === "string" ? { fallbackModel: raw.fallbackModel } : {}),
    unattended: raw.unattended === true,
    ...(list(raw.pluginDir).length ? { pluginDirs: list(raw.pluginDir) } : {}),
  };
}
