// Phase 1 of a turn: turn the history, tools and settings into request params. This is
// the hand-off point for the prompt compiler (sections, cache marks) and the compression
// ladder; until they are wired, a minimal system prompt and the history as it is.
import type { ApiTool, MessageParam, RequestParams } from "../model/index.ts";
import { type Tool, toolSchemas } from "./tool-contract.ts";

export interface ContextInput {
  model: string;
  messages: readonly MessageParam[];
  tools: readonly Tool[];
  cwd: string;
  settings: ContextSettings;
}

export interface ContextSettings {
  maxTokens?: number;
  /** Replaces the default system prompt. */
  systemPrompt?: string;
  /** Appended to the system prompt (e.g. --append-system-prompt). */
  appendSystemPrompt?: string;
}

export type ContextPrep = (input: ContextInput) => RequestParams | Promise<RequestParams>;

export const DEFAULT_MAX_TOKENS = 32_000;

export function defaultSystemPrompt(cwd: string): string {
  return [
    "You are keel, a coding agent working in the user's repository through tools.",
    "Read before you edit, keep changes small and focused, and say briefly what you did.",
    `Working directory: ${cwd}`,
    `Platform: ${process.platform}`,
  ].join("\n");
}

export const defaultContextPrep: ContextPrep = ({ model, messages, tools, cwd, settings }) => {
  const system = [settings.systemPrompt ?? defaultSystemPrompt(cwd), settings.appendSystemPrompt].filter(Boolean).join("\n\n");
  return {
    model,
    max_tokens: settings.maxTokens ?? DEFAULT_MAX_TOKENS,
    system: [{ type: "text", text: system }],
    ...(tools.length ? { tools: toolSchemas(tools) as ApiTool[] } : {}),
    messages: [...messages],
  };
};
