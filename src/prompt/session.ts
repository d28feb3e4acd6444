// The session's prompt: the entry point the engine's context-prep phase uses. Everything
// is rendered once when the session starts — static and dynamic halves, frozen tools —
// so each turn's compile only places cache marks on a growing history. Adding a tool or
// reloading memory means `rebuild`, which is a deliberate (and reported) prefix change.
import type { MessageParam } from "@anthropic-ai/sdk/resources/messages";
import { KeelError } from "../errors.ts";
import { type CompiledRequest, compileRequest } from "./compile.ts";
import { coreSections } from "./core-sections.ts";
import { environmentSection, memorySections } from "./dynamic-sections.ts";
import { type GatherOptions, gatherContext } from "./facts.ts";
import { SectionRegistry } from "./registry.ts";
import { toolSections } from "./tool-sections.ts";
import { type DynamicContext, PromptSettings, type Section, type SectionProvider } from "./section.ts";
import { type ApiTool, type FrozenTools, freezeTools } from "./tools.ts";

export interface RegistryOptions {
  /** Replaces keel's core sections (e.g. --system-prompt); still static, still cached. */
  systemPrompt?: string;
  /** Added at the end of the dynamic half (e.g. --append-system-prompt); never dropped. */
  appendSystemPrompt?: string;
}

/** Core, tool notes, environment and memory providers; plugins register more on the returned registry. */
export function defaultRegistry(opts: RegistryOptions = {}): SectionRegistry {
  const { systemPrompt, appendSystemPrompt } = opts;
  const registry = new SectionRegistry();
  if (systemPrompt === undefined) registry.register(coreSections);
  else {
    registry.register({
      id: "core.custom",
      source: "core",
      kind: "static",
      render: () => [{ id: "core.custom", priority: "required", label: "custom system prompt", text: systemPrompt }],
    });
  }
  if (appendSystemPrompt !== undefined) {
    registry.register({
      id: "append",
      source: "core",
      kind: "dynamic",
      render: () => [{ id: "append", priority: "required", order: 1_000, label: "appended system prompt", text: appendSystemPrompt }],
    });
  }
  return registry.register(toolSections).register(environmentSection).register(memorySections);
}

export interface PromptSessionOptions extends Omit<GatherOptions, "toolNames">, RegistryOptions {
  /** API tool definitions; sorted and frozen for the life of this prompt. */
  tools?: readonly ApiTool[];
  /** Default: defaultRegistry(this). Pass one to add plugin sections (then build it with defaultRegistry(opts)). */
  registry?: SectionRegistry;
  /** settings.prompt as read from the settings files (defaults applied here). */
  settings?: Partial<PromptSettings>;
  /** More providers on top of the registry (plugins' sections: see pluginSectionProviders). */
  providers?: readonly SectionProvider[];
}

export class PromptSession {
  readonly settings: PromptSettings;
  readonly sections: readonly Section[];
  /** The gathered facts, with toolNames taken from the frozen tools. */
  readonly context: DynamicContext;

  constructor(
    readonly registry: SectionRegistry,
    context: DynamicContext,
    readonly tools: FrozenTools,
    settings: Partial<PromptSettings> = {},
  ) {
    this.settings = parseSettings(settings);
    this.context = { ...context, toolNames: tools.names };
    this.sections = Object.freeze(registry.render(this.context));
  }

  /** One turn's request parts. Pure over the frozen state and `messages`; never mutates them. */
  compile(messages: readonly MessageParam[]): CompiledRequest {
    return compileRequest({
      sections: this.sections,
      tools: this.tools,
      messages,
      ttl: this.settings.cacheTtl,
      budgetTokens: this.settings.budgetTokens,
    });
  }

  /** A new prompt for this session (new tools, re-read memory, new settings): the prefix may move. */
  rebuild(change: { tools?: readonly ApiTool[]; context?: DynamicContext; settings?: Partial<PromptSettings> }): PromptSession {
    const tools = change.tools ? freezeTools(change.tools) : this.tools;
    return new PromptSession(this.registry, change.context ?? this.context, tools, change.settings ?? this.settings);
  }
}

function parseSettings(raw: unknown): PromptSettings {
  const r = PromptSettings.safeParse(raw);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw new KeelError(`settings.prompt.${issue?.path.join(".") ?? ""}: ${issue?.message ?? "invalid"}`);
}

export async function startPromptSession(opts: PromptSessionOptions): Promise<PromptSession> {
  const tools = freezeTools(opts.tools ?? []);
  const context = await gatherContext({ ...opts, toolNames: tools.names });
  const registry = opts.registry ?? defaultRegistry(opts);
  for (const p of opts.providers ?? []) registry.register(p);
  return new PromptSession(registry, context, tools, opts.settings);
}
