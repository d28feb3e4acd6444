// The real MCP servers from npm the tests talk to, and small helpers around them.
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createFileReadState, type McpServerSpec, type ToolContext } from "./face.ts";

const MODULES = resolve(import.meta.dir, "../../node_modules/@modelcontextprotocol");
export const EVERYTHING = join(MODULES, "server-everything/dist/index.js");
export const FILESYSTEM = join(MODULES, "server-filesystem/dist/index.js");

export const everything = (name = "everything", extra: Partial<McpServerSpec["config"]> = {}): McpServerSpec => ({
  name,
  source: "test",
  config: { command: "node", args: [EVERYTHING, "stdio"], ...extra } as McpServerSpec["config"],
});

export const tempDir = (prefix = "keel-mcp-") => mkdtempSync(join(tmpdir(), prefix));

export function ctx(signal: AbortSignal = new AbortController().signal): ToolContext {
  return { cwd: tmpdir(), signal, sessionId: "test", store: new Map(), files: createFileReadState() };
}

/** Is a process with this pid still alive (and not a zombie we are about to reap)? */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return !/^\d+ \(.*\) Z/.test(stat);
  } catch {
    return false;
  }
}

export async function waitFor(check: () => boolean, what: string, tries = 1000): Promise<void> {
  for (let i = 0; i < tries && !check(); i++) await Bun.sleep(10);
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

export const textOf = (forModel: unknown): string =>
  typeof forModel === "string" ? forModel : (forModel as { type: string; text?: string }[]).map((b) => (b.type === "text" ? b.text : `[${b.type}]`)).join("\n");

/** Live pids whose command line contains `marker` (read from /proc). */
export function pidsWith(marker: string): number[] {
  return readdirSync("/proc")
    .filter((e) => /^\d+$/.test(e))
    .filter((e) => {
      try {
        return readFileSync(`/proc/${e}/cmdline`, "utf8").includes(marker) && alive(Number(e));
      } catch {
        return false;
      }
    })
    .map(Number);
}
