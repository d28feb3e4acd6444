// Plugin prompt sections for the prompt compiler: static ones (a markdown file) as given,
// dynamic ones asked of the plugin's host once at session start, and the skills list so the
// model knows which SKILL.md to Read. A host that fails costs its section, not the session.
import { HOST_METHODS } from "../contracts.ts";
import type { PluginRuntime } from "./runtime.ts";
import type { PluginSkill } from "./types.ts";

/** What the prompt compiler's `pluginSectionProviders` takes: `{ id, kind, priority, text }` per section. */
export interface DeclaredSection {
  id: string;
  kind: "static" | "dynamic";
  priority: string;
  text: string;
}

export function skillsSection(skills: readonly PluginSkill[]): string | undefined {
  if (!skills.length) return undefined;
  const lines = skills.map((s) => `- ${s.name} (plugin ${s.plugin}): ${s.description || "no description"} — ${s.path}`);
  return ["# Skills", "Skills are instructions for particular tasks. When one fits the task, Read its SKILL.md first and follow it.", ...lines].join("\n");
}

/** Sections per plugin, dynamic ones rendered now (this starts those plugins' hosts). */
export async function pluginSections(runtime: PluginRuntime, notify?: (line: string) => void): Promise<Map<string, DeclaredSection[]>> {
  const out = new Map<string, DeclaredSection[]>();
  const add = (plugin: string, s: DeclaredSection) => out.set(plugin, [...(out.get(plugin) ?? []), s]);
  const c = runtime.contributions();
  await Promise.all(
    c.sections.map(async (s) => {
      if (s.kind === "static") return add(s.plugin, { id: s.id, kind: "static", priority: s.priority, text: s.text });
      try {
        const text = await runtime.host(s.plugin).request(HOST_METHODS.call, { name: s.call, params: {} }, { timeoutMs: 10_000 });
        if (typeof text === "string" && text.trim()) add(s.plugin, { id: s.id, kind: "dynamic", priority: s.priority, text });
      } catch (e) {
        notify?.(`plugin ${s.plugin}: prompt section ${s.id} left out: ${(e as Error).message}`);
      }
    }),
  );
  // Skill paths differ per machine, so the list belongs in the dynamic half ("~" keeps it apart from any plugin name).
  const skills = skillsSection(c.skills);
  if (skills) add("~skills", { id: "skills", kind: "dynamic", priority: "normal", text: skills });
  // Hosts answer in any order; the prompt must not.
  for (const list of out.values()) list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return out;
}
