// Phase 1 of a turn: turn the history, tools and settings into request params. The
// default runs the prompt compiler (static/dynamic split, cache marks, frozen tools), one
// prompt session per run; the compression ladder plugs in here too.
import type { ApiTool, MessageParam, RequestParams } from "../model/index.ts";
import { type MemoryFile, type PromptSession, type PromptSettings, type SectionProvider, startPromptSession } from "../prompt/index.ts";
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
  /** User-level config dir holding AGENTS.md / KEEL.md / CLAUDE.md; absent skips user memory. */
  userDir?: string;
  /** settings.prompt: cache ttl and token budget of the system prompt. */
  prompt?: Partial<PromptSettings>;
  /** Sections from elsewhere (plugins), registered beside the built-in ones. */
  promptProviders?: readonly SectionProvider[];
}

export type ContextPrep = (input: ContextInput) => RequestParams | Promise<RequestParams>;

/** The first ceiling; a reply that reaches it is continued under 64K (turn.ts, layer 3). */
export const DEFAULT_MAX_TOKENS = 8_192;

export function defaultSystemPrompt(cwd: string): string {
  return [
    "You are keel, a coding agent working in the user's repository through tools.",
    "Read before you edit, keep changes small and focused, and say briefly what you did.",
    `Working directory: ${cwd}`,
    `Platform: ${process.platform}`,
  ].join("\n");
}

/** Told once per prompt session which memory files it read (the InstructionsLoaded hooks). */
export type OnInstructions = (files: readonly MemoryFile[]) => void | Promise<void>;

/**
 * The default context prep: the prompt compiler. The prompt session starts on the first
 * turn (facts gathered, tools frozen) and every later turn only compiles the history, so
 * the cached prefix stays byte-identical for the whole run.
 */
export function compiledContextPrep(onInstructions?: OnInstructions): ContextPrep {
  let session: Promise<PromptSession> | undefined;
  return async ({ model, messages, tools, cwd, settings }) => {
    session ??= startPromptSession({
      cwd,
      userDir: settings.userDir ?? null,
      tools: toolSchemas(tools) as ApiTool[],
      ...(settings.systemPrompt !== undefined ? { systemPrompt: settings.systemPrompt } : {}),
      ...(settings.appendSystemPrompt !== undefined ? { appendSystemPrompt: settings.appendSystemPrompt } : {}),
      ...(settings.prompt ? { settings: settings.prompt } : {}),
      ...(settings.promptProviders ? { providers: settings.promptProviders } : {}),
    }).then(async (s) => {
      await onInstructions?.(s.context.memory);
      return s;
    });
    const compiled = (await session).compile(messages);
    return {
      model,
      max_tokens: settings.maxTokens ?? DEFAULT_MAX_TOKENS,
      system: compiled.system,
      ...(compiled.tools.length ? { tools: compiled.tools as ApiTool[] } : {}),
      messages: compiled.messages,
    };
  };
}

/** A bare request with a one-paragraph system prompt and no cache marks (sub-agents' fallback, tests). */
export const minimalContextPrep: ContextPrep = ({ model, messages, tools, cwd, settings }) => {
  const system = [settings.systemPrompt ?? defaultSystemPrompt(cwd), settings.appendSystemPrompt].filter(Boolean).join("\n\n");
  return {
    model,
    max_tokens: settings.maxTokens ?? DEFAULT_MAX_TOKENS,
    system: [{ type: "text", text: system }],
    ...(tools.length ? { tools: toolSchemas(tools) as ApiTool[] } : {}),
    messages: [...messages],
  };
};
