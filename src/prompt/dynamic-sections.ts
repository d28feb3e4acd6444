// The dynamic half's built-in sections: the environment (cwd, platform, date, git at
// session start) and one section per memory file. Pure renders over DynamicContext;
// the facts were gathered beforehand (facts.ts).
import type { DynamicContext, GitFacts, MemoryFile, SectionProvider } from "./section.ts";

export const environmentSection: SectionProvider = {
  id: "environment",
  source: "environment",
  kind: "dynamic",
  render: (ctx) => [{ id: "environment", priority: "high", text: renderEnvironment(ctx) }],
};

export function renderEnvironment(ctx: DynamicContext): string {
  const lines = [
    "# Environment",
    `Working directory: ${ctx.cwd}`,
    ctx.projectRoot ? `Project root: ${ctx.projectRoot}` : "Project root: none found (no .git above the working directory)",
    `Platform: ${ctx.platform} ${ctx.osRelease}`.trimEnd(),
    ...(ctx.shell ? [`Shell: ${ctx.shell}`] : []),
    `Today's date: ${ctx.date}`,
  ];
  if (ctx.git) lines.push("", ...renderGit(ctx.git));
  else lines.push("Git: not a git repository");
  return lines.join("\n");
}

function renderGit(git: GitFacts): string[] {
  const out = ["## Git (a snapshot from the start of the session; it does not update)"];
  out.push(`Current branch: ${git.branch ?? "detached HEAD"}`);
  if (git.mainBranch) out.push(`Main branch (usually the base for pull requests): ${git.mainBranch}`);
  if (git.changeCount === 0) out.push("Status: clean");
  else {
    out.push(`Status: ${git.changeCount} changed or untracked path${git.changeCount === 1 ? "" : "s"}`);
    out.push(...git.changes.map((c) => `  ${c}`));
    if (git.changeCount > git.changes.length) out.push(`  … and ${git.changeCount - git.changes.length} more`);
  }
  if (git.recentCommits.length) out.push("Recent commits:", ...git.recentCommits.map((c) => `  ${c}`));
  return out;
}

export const memorySections: SectionProvider = {
  id: "memory",
  source: "memory",
  kind: "dynamic",
  render: (ctx) =>
    ctx.memory.map((file, i) => ({
      id: `memory.${file.scope}.${i}`,
      label: file.path,
      // The nearest project file matters most; user-wide notes drop before project ones.
      priority: file.scope === "user" ? "normal" : "high",
      text: renderMemoryFile(file),
    })),
};

export function renderMemoryFile(file: MemoryFile): string {
  const where = file.scope === "user" ? "user instructions, apply to every project" : "project instructions";
  const cut = file.truncated ? "\n\n(The file is longer; only its beginning is shown. Read it with a tool if you need the rest.)" : "";
  return `# Instructions from ${file.path} (${where})\n\n${file.content.trim()}${cut}`;
}
