// The plugin runtime: which plugins a session has, what they contribute, and the hosts
// their code runs in. Entered through src/plugins/index.ts.
export { expandCommand, type ExpandedCommand, fillArguments, findCommand } from "./commands.ts";
export { discoverPlugins, type DiscoverOptions } from "./discover.ts";
export { functionHookExecutor, functionTarget } from "./function-hooks.ts";
export { hostTool, hostTools } from "./host-tools.ts";
export { loadPluginDir } from "./load.ts";
export { parseMarkdown } from "./markdown.ts";
export { PluginRuntime, type RuntimeOptions } from "./runtime.ts";
export { type DeclaredSection, pluginSections, skillsSection } from "./sections.ts";
export { type ContributionSummary, contributionSummary, describeContributions } from "./summary.ts";
export type { LoadedPlugin, PluginAgent, PluginCommand, PluginContributions, PluginHostTool, PluginMcpServer, PluginSection, PluginSkill, PluginWidget } from "./types.ts";
export { type EngineEventLike, WidgetClient, type WidgetLines, type WidgetOptions } from "./widgets.ts";
