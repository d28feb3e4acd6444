// The contract every tool keeps (DESIGN.md "Tool"): one zod schema derives the JSON
// Schema sent to the model, the parsing of the model's input, and the message back
// when that input is wrong. What the model sees is separate from what a person sees.
import type { z } from "zod";

/** Content the model receives in the tool_result block. */
export type ModelContent =
  | string
  | Array<
      | { type: "text"; text: string }
      | { type: "image"; source: { type: "base64"; media_type: string; data: string } }
    >;

export interface ToolResult {
  forModel: ModelContent;
  /** Structured data for the UI / transcript; never sent to the model. */
  forDisplay?: unknown;
  /** Sent as `is_error: true`; the session goes on. */
  isError?: boolean;
}

/** Side effects a tool may use, passed in so tests hand in real temp dirs and processes. */
export interface ToolContext {
  /** Working directory of the session; relative paths resolve against it. */
  cwd: string;
  /** Aborted on interrupt (Esc / SIGINT): long tools must stop promptly. */
  signal: AbortSignal;
  /** Per-session record of what was read, for stale-edit checks and change attachments. */
  files: FileReadState;
  /** Session id, for tools that keep per-session state (todos, background jobs). */
  sessionId: string;
  /** Per-session scratch shared by tools of one session (e.g. todo list, background shells). */
  store: Map<string, unknown>;
  /** Optional hook for the safety layer: rewrites the argv Bash is about to spawn (e.g. into a sandbox). */
  wrapCommand?: WrapCommand;
}

/**
 * Turns the argv a tool would spawn (`["bash", "-c", command]`) into the argv actually
 * spawned, e.g. `["bwrap", ..., "bash", "-c", command]`. It must keep the command's
 * meaning; it may refuse by throwing, which the tool reports as an error result.
 */
export type WrapCommand = (argv: string[], info: { cwd: string }) => string[] | Promise<string[]>;

/** What the session knows about each file it has read: content hash and mtime at read time. */
export interface FileReadState {
  get(absPath: string): { mtimeMs: number; size: number; hash: string } | undefined;
  set(absPath: string, state: { mtimeMs: number; size: number; hash: string }): void;
  entries(): IterableIterator<[string, { mtimeMs: number; size: number; hash: string }]>;
}

export interface Tool<S extends z.ZodType = z.ZodType> {
  name: string;
  /** Model-facing description; long ones live in a sibling .md file. */
  description: string;
  input: S;
  /**
   * The input's JSON Schema as given by someone else (an MCP server): sent to the model
   * as-is instead of one derived from `input`, which then only needs to accept objects.
   */
  jsonSchema?: { type: "object"; [k: string]: unknown };
  /** Read-only tools may run in parallel with each other; others run in order. */
  readOnly: boolean | ((input: z.infer<S>) => boolean);
  /**
   * readOnly is the tool's own word, not keel's (an MCP server's readOnlyHint — the MCP spec
   * calls it a hint — or a plugin's declaration): it may run beside other reads, but the
   * permission gate asks as for any tool that changes things.
   */
  readOnlyClaimed?: boolean;
  run(input: z.infer<S>, ctx: ToolContext): Promise<ToolResult>;
}

/** Identity helper that keeps the schema's inferred type attached to run(). */
export function defineTool<S extends z.ZodType>(tool: Tool<S>): Tool<S> {
  return tool;
}
