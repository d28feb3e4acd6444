// Fitting the prompt into its token budget: a pure decision over ordered sections.
// Sections drop from the lowest priority up; within one level dynamic ones go before
// static ones (so the cached half moves last) and later ones before earlier ones.
// `required` sections never drop; if they alone exceed the budget, that is reported.
import { PRIORITIES, type Section } from "./section.ts";

export interface Sized {
  section: Section;
  tokens: number;
}

export interface Dropped {
  id: string;
  source: Section["source"];
  priority: Section["priority"];
  kind: Section["kind"];
  tokens: number;
}

export interface BudgetResult {
  kept: Sized[];
  /** In the order they were dropped. */
  dropped: Dropped[];
  totalTokens: number;
  /** True when even the undroppable sections exceed the budget. */
  overBudget: boolean;
}

const level = (s: Section) => PRIORITIES.indexOf(s.priority);

/** The order in which sections would be dropped: first element goes first. */
export function dropOrder(sized: readonly Sized[]): Sized[] {
  const indexed = sized.map((s, i) => ({ s, i }));
  indexed.sort(
    (a, b) =>
      level(b.s.section) - level(a.s.section) ||
      (a.s.section.kind === b.s.section.kind ? 0 : a.s.section.kind === "dynamic" ? -1 : 1) ||
      b.i - a.i,
  );
  return indexed.map((x) => x.s).filter((x) => x.section.priority !== "required");
}

export function fitToBudget(sized: readonly Sized[], budgetTokens: number): BudgetResult {
  let total = 0;
  for (const s of sized) total += s.tokens;
  const dropped: Dropped[] = [];
  if (total > budgetTokens) {
    const gone = new Set<Sized>();
    for (const s of dropOrder(sized)) {
      if (total <= budgetTokens) break;
      gone.add(s);
      total -= s.tokens;
      const { id, source, priority, kind } = s.section;
      dropped.push({ id, source, priority, kind, tokens: s.tokens });
    }
    return { kept: sized.filter((s) => !gone.has(s)), dropped, totalTokens: total, overBudget: total > budgetTokens };
  }
  return { kept: [...sized], dropped, totalTokens: total, overBudget: false };
}
