// compileRequest: rendered sections + frozen tools + message history → the parts of a
// Messages API request, with the cache layout decided: tools, then the static half of the
// system prompt (one block, cache_control with the configured ttl), then the dynamic half
// (no mark), then the history with a rolling mark on its last block. At most four marks.
import { createHash } from "node:crypto";
import type { CacheControlEphemeral, MessageParam, TextBlockParam } from "@anthropic-ai/sdk/resources/messages";
import { type Dropped, fitToBudget, type Sized } from "./budget.ts";
import { countBreakpoints, MAX_BREAKPOINTS, placeMessageBreakpoints } from "./breakpoints.ts";
import { orderSections } from "./registry.ts";
import type { CacheTtl, Section } from "./section.ts";
import { estimateTokens } from "./tokens.ts";
import { type ApiTool, type FrozenTools, freezeTools, isFrozenTools } from "./tools.ts";

export interface CompileInput {
  /** Rendered sections (any order; the compiler orders them). */
  sections: readonly Section[];
  /** Frozen for the session (freezeTools); a plain list is frozen here, i.e. sorted. */
  tools: FrozenTools | readonly ApiTool[];
  messages: readonly MessageParam[];
  ttl: CacheTtl;
  /** Budget for the system prompt, in estimated tokens (see tokens.ts). */
  budgetTokens: number;
}

export interface SectionReport {
  id: string;
  label?: string;
  source: Section["source"];
  priority: Section["priority"];
  kind: Section["kind"];
  tokens: number;
}

export interface CompileReport {
  boundary: {
    /** Index in `system` where the dynamic half starts (= number of static blocks). */
    systemIndex: number;
    staticTokens: number;
    dynamicTokens: number;
    /** sha256 of the static text; with toolsFingerprint it names the cached prefix. */
    staticFingerprint: string;
    toolsFingerprint: string;
  };
  /** Kept sections in the order sent. */
  sections: SectionReport[];
  /** Sections left out to fit the budget, in the order they were dropped. */
  dropped: Dropped[];
  budgetTokens: number;
  systemTokens: number;
  overBudget: boolean;
  breakpoints: { total: number; tools: number; system: number; messages: number; stripped: number };
}

export interface CompiledRequest {
  system: TextBlockParam[];
  tools: ApiTool[];
  messages: MessageParam[];
  report: CompileReport;
}

export const SECTION_SEPARATOR = "\n\n";

const sizes = new WeakMap<Section, number>();
function sizeOf(s: Section): number {
  let n = sizes.get(s);
  if (n === undefined) sizes.set(s, (n = estimateTokens(s.text)));
  return n;
}

let lastHash: { text: string; hash: string } | null = null;
function fingerprint(text: string): string {
  if (lastHash?.text !== text) lastHash = { text, hash: createHash("sha256").update(text).digest("hex") };
  return lastHash.hash;
}

export function compileRequest(input: CompileInput): CompiledRequest {
  const frozen = isFrozenTools(input.tools) ? input.tools : freezeTools(input.tools);
  const ordered = orderSections(input.sections);
  const sized: Sized[] = ordered.map((section) => ({ section, tokens: sizeOf(section) }));
  const fit = fitToBudget(sized, input.budgetTokens);

  const staticParts: string[] = [];
  const dynamicParts: string[] = [];
  let staticTokens = 0;
  let dynamicTokens = 0;
  for (const { section, tokens } of fit.kept) {
    if (section.kind === "static") {
      staticParts.push(section.text.trimEnd());
      staticTokens += tokens;
    } else {
      dynamicParts.push(section.text.trimEnd());
      dynamicTokens += tokens;
    }
  }
  const staticText = staticParts.join(SECTION_SEPARATOR);
  const prefixMark: CacheControlEphemeral = { type: "ephemeral", ttl: input.ttl };

  const system: TextBlockParam[] = [];
  if (staticText) system.push({ type: "text", text: staticText, cache_control: prefixMark });
  if (dynamicParts.length) system.push({ type: "text", text: dynamicParts.join(SECTION_SEPARATOR) });

  // With no static half, the prefix mark goes on the last tool so tools stay cached.
  const tools = frozen.tools.slice(); // a fresh array: callers may push to it, the frozen one stays
  let toolMarks = 0;
  if (!staticText && tools.length) {
    tools[tools.length - 1] = { ...(tools[tools.length - 1] as ApiTool), cache_control: prefixMark };
    toolMarks = 1;
  }
  const systemMarks = staticText ? 1 : 0;
  const reserved = toolMarks + systemMarks;
  const placed = placeMessageBreakpoints(input.messages, reserved, reserved ? input.ttl : null);

  const total = reserved + placed.count;
  if (total > MAX_BREAKPOINTS) throw new Error(`prompt compiler placed ${total} cache breakpoints (limit ${MAX_BREAKPOINTS})`);

  return {
    system,
    tools,
    messages: placed.messages,
    report: {
      boundary: {
        systemIndex: staticText ? 1 : 0,
        staticTokens,
        dynamicTokens,
        staticFingerprint: fingerprint(staticText),
        toolsFingerprint: frozen.fingerprint,
      },
      sections: fit.kept.map(({ section: s, tokens }) => ({
        id: s.id,
        ...(s.label ? { label: s.label } : {}),
        source: s.source,
        priority: s.priority,
        kind: s.kind,
        tokens,
      })),
      dropped: fit.dropped,
      budgetTokens: input.budgetTokens,
      systemTokens: fit.totalTokens,
      overBudget: fit.overBudget,
      breakpoints: { total, tools: toolMarks, system: systemMarks, messages: placed.count, stripped: placed.stripped },
    },
  };
}

/** Re-exported for callers that check a finished request (tests, the engine's own guard). */
export { countBreakpoints };
