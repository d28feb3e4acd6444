// The core system prompt: keel's own instructions, all static. The text lives in
// core/*.md (bundled into the binary as text); this file fixes each part's id, priority
// and order. Nothing here may depend on the machine, the date or the project.
import codeStyle from "./core/code-style.md" with { type: "text" };
import git from "./core/git.md" with { type: "text" };
import identity from "./core/identity.md" with { type: "text" };
import memory from "./core/memory.md" with { type: "text" };
import safety from "./core/safety.md" with { type: "text" };
import tone from "./core/tone.md" with { type: "text" };
import toolUse from "./core/tool-use.md" with { type: "text" };
import workflow from "./core/workflow.md" with { type: "text" };
import type { SectionPriority, SectionProvider, StaticContext } from "./section.ts";

interface CorePart {
  id: string;
  priority: SectionPriority;
  text: string;
}

// Order is the reading order of the prompt. Priority decides what survives a tight budget:
// who keel is and the safety rules never drop; git etiquette goes first.
const PARTS: CorePart[] = [
  { id: "core.identity", priority: "required", text: identity },
  { id: "core.tone", priority: "critical", text: tone },
  { id: "core.workflow", priority: "high", text: workflow },
  { id: "core.tool-use", priority: "critical", text: toolUse },
  { id: "core.safety", priority: "required", text: safety },
  { id: "core.code-style", priority: "high", text: codeStyle },
  { id: "core.git", priority: "low", text: git },
  { id: "core.memory", priority: "normal", text: memory },
];

const fill = (text: string, ctx: StaticContext) => text.replaceAll("{{product}}", ctx.productName).trim();

export const coreSections: SectionProvider = {
  id: "core",
  source: "core",
  kind: "static",
  render: (ctx) => PARTS.map((p, i) => ({ id: p.id, priority: p.priority, order: 100 + i, text: fill(p.text, ctx) })),
};
