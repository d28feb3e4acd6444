// The wire of the plugin host: newline-delimited JSON-RPC 2.0 over stdio (HOST_METHODS in
// contracts.ts). Both ends use these shapes and the line splitter; a line that is not a
// message is reported, never thrown, so one bad write cannot take the session down.
import { z } from "zod";

export const RpcRequest = z.object({
  jsonrpc: z.literal("2.0"),
  id: z.number().int(),
  method: z.string(),
  params: z.unknown().optional(),
});
export type RpcRequest = z.infer<typeof RpcRequest>;

export const RpcResponse = z.union([
  z.object({ jsonrpc: z.literal("2.0"), id: z.number().int(), result: z.unknown() }),
  z.object({ jsonrpc: z.literal("2.0"), id: z.number().int(), error: z.object({ code: z.number(), message: z.string(), data: z.unknown().optional() }) }),
]);
export type RpcResponse = z.infer<typeof RpcResponse>;

/** JSON-RPC error codes the host sends. */
export const RPC_ERRORS = { parse: -32700, invalidRequest: -32600, methodNotFound: -32601, invalidParams: -32602, pluginThrew: -32000 } as const;

/** What `initialize` carries: where the plugin is and which modules to import. */
export const InitParams = z.object({
  plugin: z.string(),
  pluginRoot: z.string(),
  /** Absolute paths of the host modules, in manifest order. */
  modules: z.array(z.string()),
  installId: z.string(),
  cwd: z.string(),
});
export type InitParams = z.infer<typeof InitParams>;

/** What the host found in the modules it imported. */
export const InitResult = z.object({
  tools: z.array(z.object({ name: z.string(), description: z.string().optional(), inputSchema: z.unknown().optional() })),
  hooks: z.array(z.string()),
  widgets: z.array(z.string()),
  calls: z.array(z.string()),
});
export type InitResult = z.infer<typeof InitResult>;

/**
 * Splits a byte stream into lines; `feed` returns the complete ones. Only the new chunk is
 * searched for a newline: rescanning the buffered part of a long line on every chunk made a
 * 50 MB answer cost minutes.
 */
export class LineSplitter {
  #partial: string[] = [];
  readonly #decoder = new TextDecoder();

  feed(chunk: Uint8Array | string): string[] {
    const text = typeof chunk === "string" ? chunk : this.#decoder.decode(chunk, { stream: true });
    if (!text.includes("\n")) {
      if (text) this.#partial.push(text);
      return [];
    }
    const lines = text.split("\n");
    this.#partial.push(lines[0] as string);
    lines[0] = this.#partial.join("");
    this.#partial = [lines.pop() as string];
    return lines.filter((l) => l.trim() !== "");
  }
}

export const encode = (message: unknown): string => `${JSON.stringify(message)}\n`;
