// From one zod schema per tool: the `tools` entries for the Anthropic API and the
// parsing of the model's input, with a message back that names each wrong field.
import { z } from "zod";
import type { Tool } from "./tool.ts";

export interface ToolSchema {
  name: string;
  description: string;
  input_schema: { type: "object"; [k: string]: unknown };
}

const cache = new WeakMap<Tool, ToolSchema>();

/** Anthropic `tools` param entries, in the order given; byte-stable per tool (prompt caching relies on it). */
export function toolSchemas(tools: readonly Tool[]): ToolSchema[] {
  return tools.map((tool) => {
    let entry = cache.get(tool);
    if (!entry) {
      const { $schema: _drop, ...schema } = (tool.jsonSchema ?? z.toJSONSchema(tool.input, { io: "input" })) as Record<string, unknown>;
      entry = { name: tool.name, description: tool.description, input_schema: stripSafeIntBounds(schema) as ToolSchema["input_schema"] };
      cache.set(tool, entry);
    }
    return entry;
  });
}

/** z.int() adds ±2^53 bounds to every integer: noise for the model, tokens on every turn. */
function stripSafeIntBounds(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(stripSafeIntBounds);
  if (!node || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if ((k === "minimum" || k === "maximum") && Math.abs(v as number) === Number.MAX_SAFE_INTEGER) continue;
    out[k] = stripSafeIntBounds(v);
  }
  return out;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

export function parseToolInput<T extends z.ZodType>(tool: Tool<T>, raw: unknown): Parsed<z.infer<T>> {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    return { ok: false, message: `${tool.name} input must be a JSON object with its parameters; got ${raw === null ? "null" : Array.isArray(raw) ? "an array" : typeof raw}.` };
  }
  const r = tool.input.safeParse(raw);
  if (r.success) return { ok: true, value: r.data };
  const lines = r.error.issues.map((issue) => describeIssue(tool, issue, raw));
  return { ok: false, message: `Invalid input for ${tool.name}:\n${lines.map((l) => `- ${l}`).join("\n")}` };
}

function describeIssue(tool: Tool, issue: z.core.$ZodIssue, raw: object): string {
  const field = issue.path.length ? issue.path.map((p, i) => (typeof p === "number" ? `[${p}]` : i ? `.${String(p)}` : String(p))).join("") : "";
  if (issue.code === "unrecognized_keys") {
    const allowed = allowedFields(tool.input, issue.path);
    const where = field ? ` in ${field}` : "";
    return `unexpected ${issue.keys.length === 1 ? "field" : "fields"} ${issue.keys.map((k) => `"${k}"`).join(", ")}${where}${allowed ? `; allowed: ${allowed.join(", ")}` : ""}`;
  }
  if (issue.code === "invalid_type" && valueAt(raw, issue.path) === undefined) return `${field}: required (expected ${issue.expected})`;
  return `${field || "input"}: ${issue.message.replace(/^Invalid input: /, "")}`;
}

function allowedFields(schema: z.ZodType, path: readonly PropertyKey[]): string[] | undefined {
  let node: unknown = schema;
  for (const p of path) {
    const def = (node as { def?: { type?: string; shape?: Record<string, unknown>; element?: unknown } }).def;
    node = typeof p === "number" ? def?.element : def?.shape?.[p as string];
  }
  const shape = (node as { def?: { shape?: Record<string, unknown> } } | undefined)?.def?.shape;
  return shape ? Object.keys(shape) : undefined;
}

function valueAt(raw: object, path: readonly PropertyKey[]): unknown {
  let node: unknown = raw;
  for (const p of path) node = node && typeof node === "object" ? (node as Record<PropertyKey, unknown>)[p] : undefined;
  return node;
}
