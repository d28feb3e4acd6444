// How a tool says "no": a ToolFailure thrown anywhere inside a run becomes an
// `is_error` result with one clear line for the model, so the session goes on.
import type { ToolResult } from "./tool.ts";

export class ToolFailure extends Error {}

export function failure(message: string): ToolResult {
  return { forModel: message, forDisplay: { error: message }, isError: true };
}

/** Runs a tool body; ToolFailure and file-system errors become error results, anything else is a bug and propagates. */
export async function guarded(body: () => Promise<ToolResult>): Promise<ToolResult> {
  try {
    return await body();
  } catch (e) {
    if (e instanceof ToolFailure) return failure(e.message);
    const code = (e as NodeJS.ErrnoException)?.code;
    if (typeof code === "string" && /^E[A-Z]+$/.test(code)) return failure(fsMessage(e as NodeJS.ErrnoException));
    throw e;
  }
}

function fsMessage(e: NodeJS.ErrnoException): string {
  const where = e.path ? ` (${e.path})` : "";
  switch (e.code) {
    case "ENOENT":
      return `No such file or directory${where}.`;
    case "EACCES":
    case "EPERM":
      return `Permission denied${where}.`;
    case "EISDIR":
      return `Is a directory${where}.`;
    case "ENOTDIR":
      return `A parent of the path is not a directory${where}.`;
    case "ENOSPC":
      return `No space left on device${where}.`;
    default:
      return `${e.code}: ${e.message}`;
  }
}
