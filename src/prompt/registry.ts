// The registry of section providers: core, environment and memory register here, and a
// plugin or module adds its own later without the compiler changing shape. Output order
// never depends on registration order: providers sort by source then id.
import { KeelError } from "../errors.ts";
import {
  type DynamicContext,
  PluginPromptSection,
  SOURCE_ORDER,
  type Section,
  type SectionDraft,
  type SectionProvider,
  type StaticContext,
} from "./section.ts";

export class SectionRegistry {
  readonly #providers = new Map<string, SectionProvider>();

  register(provider: SectionProvider): this {
    if (this.#providers.has(provider.id)) {
      throw new KeelError(`prompt section provider "${provider.id}" is registered twice`);
    }
    this.#providers.set(provider.id, provider);
    return this;
  }

  /** Providers in render order: by source's default order, then id. */
  providers(): SectionProvider[] {
    return [...this.#providers.values()].sort(
      (a, b) => SOURCE_ORDER[a.source] - SOURCE_ORDER[b.source] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
  }

  /** Renders the static half. Pure: the same StaticContext gives the same bytes. */
  renderStatic(ctx: StaticContext): Section[] {
    const out: Section[] = [];
    for (const p of this.providers()) if (p.kind === "static") out.push(...finish(p, p.render(ctx)));
    return orderSections(out);
  }

  /** Renders every section (static then dynamic). */
  render(ctx: DynamicContext): Section[] {
    const out: Section[] = [];
    const base = staticPart(ctx);
    for (const p of this.providers()) out.push(...finish(p, p.kind === "static" ? p.render(base) : p.render(ctx)));
    return orderSections(out);
  }
}

/** Only the static fields, so a static provider cannot read a path or a date even by a cast. */
const staticPart = (ctx: StaticContext): StaticContext => ({ productName: ctx.productName, toolNames: ctx.toolNames });

function finish(p: SectionProvider, drafts: SectionDraft[]): Section[] {
  return drafts
    .filter((d) => d.text.trim() !== "")
    .map((d) => ({ ...d, source: d.source ?? p.source, kind: p.kind }));
}

/** Static before dynamic, then by order (stable, so ties keep provider order). Rejects duplicate ids. */
export function orderSections(sections: readonly Section[]): Section[] {
  const seen = new Set<string>();
  for (const s of sections) {
    if (seen.has(s.id)) throw new KeelError(`prompt section id "${s.id}" is used twice`);
    seen.add(s.id);
  }
  const rank = (s: Section) => (s.kind === "static" ? 0 : 1);
  const order = (s: Section) => s.order ?? SOURCE_ORDER[s.source];
  return [...sections].sort((a, b) => rank(a) - rank(b) || order(a) - order(b));
}

/**
 * A provider for sections a plugin declares. Input is validated here (it crosses the plugin
 * boundary); ids are namespaced by plugin so two plugins cannot collide.
 */
export function pluginSectionProviders(pluginId: string, declared: unknown[]): SectionProvider[] {
  const parsed = declared.map((d, i) => {
    const r = PluginPromptSection.safeParse(d);
    if (!r.success) {
      const issue = r.error.issues[0];
      const where = issue?.path.length ? `.${issue.path.join(".")}` : "";
      throw new KeelError(`plugin ${pluginId}: prompt section [${i}]${where}: ${issue?.message ?? "invalid"}`);
    }
    return r.data;
  });
  const draft = (s: (typeof parsed)[number]): SectionDraft => ({
    id: `plugin.${pluginId}.${s.id}`,
    priority: s.priority,
    text: s.text,
  });
  const providers: SectionProvider[] = [];
  const statics = parsed.filter((s) => s.kind === "static");
  const dynamics = parsed.filter((s) => s.kind === "dynamic");
  if (statics.length) {
    providers.push({ id: `plugin.${pluginId}.static`, source: "plugin", kind: "static", render: () => statics.map(draft) });
  }
  if (dynamics.length) {
    providers.push({ id: `plugin.${pluginId}.dynamic`, source: "plugin", kind: "dynamic", render: () => dynamics.map(draft) });
  }
  return providers;
}
