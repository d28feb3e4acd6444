// The PermissionGate the engine calls before every tool run: gathers the facts a rule
// needs (bash analysis, the real path a call touches) and hands them to `evaluate`.
// Structurally the engine's interface; safety does not import the engine.
import { relative } from "node:path";
import { analyzeBash, type BashAnalysis } from "../bash/index.ts";
import { type BashPaths, evaluate, namesFamily, type PermissionResult } from "./evaluate.ts";
import { resolveRealPath } from "./paths.ts";
import { EDIT_TOOLS, parseRules, type PermissionMode, READ_TOOLS, type Rule, type RuleInput } from "./rule.ts";

export interface GateTool {
  name: string;
  readOnly: boolean | ((input: never) => boolean);
  /** readOnly is the tool's own claim (MCP, plugins): it does not spare the tool a permission. */
  readOnlyClaimed?: boolean;
}

export type GateDecision = { behavior: "allow" } | { behavior: "deny"; reason: string } | { behavior: "ask"; reason?: string };

export interface GateOptions {
  rules: readonly RuleInput[];
  mode: PermissionMode;
  /** Project root: relative rule patterns and "inside the project" are anchored here. */
  root: string;
  additionalDirectories?: readonly string[];
  /** Network allowed for commands (network tools do not fire the check). */
  network?: boolean;
  home?: string;
  /** A malformed rule is reported here and skipped. */
  onRuleError?: (message: string) => void;
}

export interface PermissionGateImpl {
  check(tool: GateTool, input: unknown, ctx: { cwd: string }): Promise<GateDecision>;
  /** The full decision with its reason and deciding rule (for check-command, the UI, logs). */
  decide(tool: GateTool, input: unknown, ctx: { cwd: string }): Promise<PermissionResult>;
  /** Adds a rule for the rest of the session (an "always allow" answer). */
  remember(rule: RuleInput): void;
}

const field = (input: unknown, key: string): string | undefined => {
  const v = (input as Record<string, unknown> | null)?.[key];
  return typeof v === "string" ? v : undefined;
};

const deniesPaths = (r: Rule) => r.behavior === "deny" && r.content !== undefined && (namesFamily(r, "Read") || namesFamily(r, "Edit"));

/** A word that names one file as written: no expansion, substitution or glob to guess at. */
const PLAIN_PATH = /^[^$`*?[]+$/;

/**
 * The real paths each sub-command reads and writes. Relative ones are taken from the
 * directory the command starts in: a `cd` inside the line is not followed, though a rule
 * that names a file in every directory still holds. Words with expansions or globs are
 * left out.
 */
function pathsOf(bash: BashAnalysis, cwd: string, home: string | undefined): BashPaths[] {
  // A long line names the same words again and again: each is resolved (a few syscalls) once.
  const resolved = new Map<string, string>();
  const resolve = (w: string) => resolved.get(w) ?? resolved.set(w, resolveRealPath(w, cwd, home)).get(w)!;
  const real = (words: readonly string[]) => words.filter((w) => PLAIN_PATH.test(w)).map(resolve);
  return bash.commands.map((c) => ({ reads: real(c.reads), writes: real(c.writes) }));
}

/** The path a call touches, for tools whose rules name paths. */
export function pathOf(tool: string, input: unknown, cwd: string): string | undefined {
  if (EDIT_TOOLS.has(tool) || tool === "Read") return field(input, "file_path") ?? field(input, "notebook_path");
  if (READ_TOOLS.has(tool)) return field(input, "path") ?? cwd;
  return undefined;
}

export function createPermissionGate(opts: GateOptions): PermissionGateImpl {
  const rules: Rule[] = parseRules(opts.rules, (e) => opts.onRuleError?.(e.message));
  const home = opts.home;
  const workspace = [opts.root, ...(opts.additionalDirectories ?? [])].map((d) => resolveRealPath(d, opts.root, home));
  const root = resolveRealPath(opts.root, "/", home);

  async function decide(tool: GateTool, input: unknown, ctx: { cwd: string }): Promise<PermissionResult> {
    // A claimed readOnly (an MCP server's hint, a plugin's declaration) lets the tool run in
    // parallel, but it asks like any tool that changes things.
    const readOnly = tool.readOnlyClaimed ? false : typeof tool.readOnly === "function" ? (tool.readOnly as (i: unknown) => boolean)(input) : tool.readOnly;
    const raw = pathOf(tool.name, input, ctx.cwd);
    let bash: BashAnalysis | undefined;
    if (tool.name === "Bash") bash = await analyzeBash(field(input, "command") ?? "", { network: opts.network === true });
    const bashPaths = bash && rules.some(deniesPaths) ? pathsOf(bash, ctx.cwd, home) : undefined;
    return evaluate(
      {
        tool: tool.name,
        readOnly,
        mode: opts.mode,
        ...(raw !== undefined ? { path: resolveRealPath(raw, ctx.cwd, home) } : {}),
        ...(bash ? { bash } : {}),
        ...(bashPaths ? { bashPaths } : {}),
        workspace,
        root,
        ...(home ? { home } : {}),
      },
      rules,
    );
  }

  return {
    decide,
    async check(tool, input, ctx) {
      const r = await decide(tool, input, ctx);
      return r.behavior === "allow" ? { behavior: "allow" } : { behavior: r.behavior, reason: r.reason };
    },
    remember(rule) {
      rules.unshift(...parseRules([rule], (e) => opts.onRuleError?.(e.message)));
    },
  };
}

/**
 * The rule an "always allow" answer saves: a Bash command's first words as a prefix
 * (`Bash(npm run test:*)`), a path tool's directory, or the tool itself.
 */
export function suggestRule(tool: string, input: unknown, root: string): string {
  if (tool === "Bash") {
    const words = (field(input, "command") ?? "").trim().split(/\s+/);
    const head = words.slice(0, words[1] && !words[1].startsWith("-") ? 2 : 1).join(" ");
    return `Bash(${head}:*)`;
  }
  const p = pathOf(tool, input, root);
  if (p !== undefined) {
    const rel = relative(root, resolveRealPath(p, root));
    const dir = rel.includes("/") ? rel.slice(0, rel.lastIndexOf("/")) : "";
    const family = EDIT_TOOLS.has(tool) ? "Edit" : "Read";
    return rel.startsWith("..") ? `${family}(${p})` : `${family}(${dir ? `${dir}/**` : "**"})`;
  }
  return tool;
}
