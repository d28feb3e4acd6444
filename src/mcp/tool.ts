// One MCP server tool as a keel Tool: the server's own JSON Schema goes to the model,
// input is passed through (the server validates it), and every way a call can fail —
// the server gone, a protocol error, a timeout — becomes an is_error result naming the
// server, so the session goes on.
import { z } from "zod";
import type { Tool, ToolResult } from "../tools/index.ts";
import { mcpToolName } from "./names.ts";
import { type McpCallResult, toToolResult } from "./result.ts";

/** A description rides along on every request: a server cannot spend more than this of the prompt on one tool. */
export const MAX_DESCRIPTION = 2048;

/** What tools/list says about one tool (the fields we use). */
export interface ListedTool {
  name: string;
  title?: string;
  description?: string;
  inputSchema?: Record<string, unknown>;
  annotations?: { readOnlyHint?: boolean; title?: string };
}

/** The live side of a server that its tools call through. */
export interface ServerLink {
  readonly name: string;
  /** Why the server cannot take calls any more, once it cannot. */
  deadReason(): string | undefined;
  call(tool: string, args: Record<string, unknown>, signal: AbortSignal): Promise<McpCallResult>;
  /** The tail of its stderr, for error messages. */
  stderr(): string;
}

export interface McpToolOptions {
  maxOutputChars?: number;
}

const Passthrough = z.looseObject({});

export function mcpTool(link: ServerLink, listed: ListedTool, o: McpToolOptions = {}): Tool<typeof Passthrough> {
  const name = mcpToolName(link.name, listed.name);
  const raw = listed.description?.trim() || listed.title || listed.annotations?.title || `${listed.name} from the ${link.name} MCP server`;
  const description = raw.length > MAX_DESCRIPTION ? `${raw.slice(0, MAX_DESCRIPTION)}… [truncated]` : raw;
  return {
    name,
    description,
    input: Passthrough,
    jsonSchema: objectSchema(listed.inputSchema),
    readOnly: listed.annotations?.readOnlyHint === true,
    readOnlyClaimed: true,
    async run(input, ctx): Promise<ToolResult> {
      const dead = link.deadReason();
      if (dead) return failed(`MCP server "${link.name}" is not available (${dead}); ${name} was not run.`);
      try {
        return toToolResult(await link.call(listed.name, input, ctx.signal), o.maxOutputChars);
      } catch (e) {
        if (ctx.signal.aborted) return failed(`${name} was interrupted by the user.`);
        const gone = link.deadReason();
        const why = gone ?? (e instanceof Error ? e.message : String(e));
        const err = link.stderr();
        return failed(`MCP server "${link.name}" failed on ${listed.name}: ${why}${err && gone ? `\nLast stderr of the server:\n${err.slice(-1000)}` : ""}`);
      }
    },
  };
}

const failed = (message: string): ToolResult => ({ forModel: message, forDisplay: { error: message }, isError: true });

/** The API wants an object schema at the top; a server that sends none takes any object. */
function objectSchema(schema: Record<string, unknown> | undefined): { type: "object"; [k: string]: unknown } {
  if (!schema || typeof schema !== "object") return { type: "object", properties: {} };
  return { ...schema, type: "object" };
}
