// The prompt compiler's face. The engine calls `startPromptSession` once per session and
// `session.compile(messages)` every turn; `compileRequest` is the pure core underneath.
// Plugins contribute sections through `SectionRegistry.register` / `pluginSectionProviders`.
export type { Dropped } from "./budget.ts";
export { fitToBudget, dropOrder } from "./budget.ts";
export { countBreakpoints, MAX_BREAKPOINTS, placeMessageBreakpoints } from "./breakpoints.ts";
export type { CompiledRequest, CompileInput, CompileReport, SectionReport } from "./compile.ts";
export { compileRequest, SECTION_SEPARATOR } from "./compile.ts";
export { coreSections } from "./core-sections.ts";
export { environmentSection, memorySections } from "./dynamic-sections.ts";
export type { GatherOptions } from "./facts.ts";
export { gatherContext, localDate, PRODUCT_NAME } from "./facts.ts";
export type { RunGit } from "./git.ts";
export { gitRunner, parseGitFacts } from "./git.ts";
export { discoverMemoryFiles, findProjectRoot, MEMORY_FILE_NAMES } from "./memory-files.ts";
export { orderSections, pluginSectionProviders, SectionRegistry } from "./registry.ts";
export type {
  CacheTtl,
  DynamicContext,
  GitFacts,
  MemoryFile,
  Section,
  SectionDraft,
  SectionProvider,
  StaticContext,
} from "./section.ts";
export {
  PluginPromptSection,
  PRIORITIES,
  PromptSettings,
  SectionKind,
  SectionPriority,
  SectionSource,
} from "./section.ts";
export type { PromptSessionOptions, RegistryOptions } from "./session.ts";
export { defaultRegistry, PromptSession, startPromptSession } from "./session.ts";
export { estimateTokens } from "./tokens.ts";
export { toolSections } from "./tool-sections.ts";
export type { ApiTool, FrozenTools } from "./tools.ts";
export { freezeTools } from "./tools.ts";
