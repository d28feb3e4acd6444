// What a plugin contributes, said briefly (`keel plugin list`) and as data (`--json`).
import type { LoadedPlugin } from "./types.ts";

export interface ContributionSummary {
  commands: string[];
  agents: string[];
  skills: string[];
  tools: string[];
  mcpServers: string[];
  hooks: number;
  promptSections: string[];
  widgets: string[];
}

export function contributionSummary(p: LoadedPlugin): ContributionSummary {
  const c = p.contributions;
  return {
    commands: c.commands.map((x) => `/${x.name}`),
    agents: c.agents.map((x) => x.name),
    skills: c.skills.map((x) => x.name),
    tools: c.hostTools.map((x) => x.qualified),
    mcpServers: c.mcpServers.map((x) => x.name),
    hooks: c.hooks.length,
    promptSections: c.sections.map((x) => x.id),
    widgets: c.widgets.map((x) => (x.id === x.slot ? x.id : `${x.id} (${x.slot})`)),
  };
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "2 commands, 1 tool, 3 hooks, widget companion" — empty parts left out; "nothing" when all are. */
export function describeContributions(s: ContributionSummary): string {
  const parts = [
    s.commands.length ? count(s.commands.length, "command") : "",
    s.agents.length ? count(s.agents.length, "agent") : "",
    s.skills.length ? count(s.skills.length, "skill") : "",
    s.tools.length ? count(s.tools.length, "tool") : "",
    s.mcpServers.length ? count(s.mcpServers.length, "MCP server") : "",
    s.hooks ? count(s.hooks, "hook") : "",
    s.promptSections.length ? count(s.promptSections.length, "prompt section") : "",
    ...s.widgets.map((w) => (w === "companion" || w === "status" ? `the ${w === "status" ? "status line" : "companion"} widget` : `widget ${w}`)),
  ].filter(Boolean);
  return parts.join(", ") || "nothing";
}
