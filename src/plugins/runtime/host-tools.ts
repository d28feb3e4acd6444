// Host-module tools as session tools: `plugin__<plugin>__<tool>`, the schema the manifest
// declares (so the toolset is known before any host starts), the call made in the plugin's
// host. A host that throws, crashes or times out gives an is_error result; the session goes on.
import { z } from "zod";
import { keepHeadAndTail, type Tool } from "../../tools/index.ts";
import { HOST_METHODS } from "../contracts.ts";
import { PluginHostError } from "../host/client.ts";
import type { PluginRuntime } from "./runtime.ts";
import type { PluginHostTool } from "./types.ts";

function inputSchema(declared: Record<string, unknown>): { input: z.ZodType; jsonSchema: { type: "object"; [k: string]: unknown } } {
  const jsonSchema = { type: "object" as const, properties: {}, ...declared };
  try {
    return { input: z.fromJSONSchema(jsonSchema as Parameters<typeof z.fromJSONSchema>[0]), jsonSchema };
  } catch {
    // A schema zod cannot read is still sent to the model; the plugin checks its own input.
    return { input: z.looseObject({}), jsonSchema };
  }
}

/** As MCP tool output (about 25k tokens): one chatty plugin must not fill the context or overflow the request. */
export const MAX_HOST_TOOL_OUTPUT = 100_000;

const capped = (text: string) => keepHeadAndTail(text, MAX_HOST_TOOL_OUTPUT, "plugin tool output");

const errorResult = (message: string) => ({ forModel: capped(message), forDisplay: { error: capped(message) }, isError: true });

export function hostTool(runtime: PluginRuntime, t: PluginHostTool): Tool {
  const { input, jsonSchema } = inputSchema(t.tool.inputSchema);
  return {
    name: t.qualified,
    description: t.tool.description,
    input,
    jsonSchema,
    readOnly: t.tool.readOnly,
    readOnlyClaimed: true,
    async run(args, ctx) {
      try {
        const r = (await runtime.host(t.plugin).request(HOST_METHODS.toolsCall, { name: t.tool.name, input: args }, { signal: ctx.signal })) as { content?: unknown; isError?: unknown };
        const content = capped(typeof r?.content === "string" ? r.content : JSON.stringify(r ?? null));
        return r?.isError === true ? errorResult(content) : { forModel: content, forDisplay: { plugin: t.plugin, tool: t.tool.name } };
      } catch (e) {
        if (e instanceof PluginHostError) return errorResult(e.message);
        throw e;
      }
    },
  };
}

export const hostTools = (runtime: PluginRuntime): Tool[] => runtime.contributions().hostTools.map((t) => hostTool(runtime, t));
