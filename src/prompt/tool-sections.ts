// Static notes on how to use the session's tools together. Each note names tools, and a
// note is included only when every tool it names is in the session, so the text follows
// the configuration (and stays byte-stable for it).
import type { SectionProvider } from "./section.ts";

interface ToolNote {
  needs: string[];
  text: string;
}

const NOTES: ToolNote[] = [
  {
    needs: ["Read", "Grep", "Glob"],
    text: "Read files with Read and find them with Glob (names) or Grep (contents), not with `cat`, `find` or `grep` through Bash.",
  },
  { needs: ["LS"], text: "List a directory with LS rather than `ls` in Bash." },
  {
    needs: ["Edit", "Write"],
    text: "Change existing files with Edit; use Write only for new files or complete rewrites. Read a file in this session before changing it.",
  },
  { needs: ["MultiEdit"], text: "For several changes to one file, use one MultiEdit rather than a series of Edits." },
  {
    needs: ["TodoWrite"],
    text: "For tasks with three or more steps, keep a todo list with TodoWrite: one item in progress at a time, marked done as soon as it is done.",
  },
  {
    needs: ["Bash", "BashOutput", "KillShell"],
    text: "Run long commands (servers, watchers, slow builds) in the background with Bash, read their output with BashOutput, and stop them with KillShell when done.",
  },
];

export const toolSections: SectionProvider = {
  id: "tool.notes",
  source: "tool",
  kind: "static",
  render: (ctx) => {
    const have = new Set(ctx.toolNames);
    const lines = NOTES.filter((n) => n.needs.every((t) => have.has(t))).map((n) => `- ${n.text}`);
    if (!lines.length) return [];
    return [{ id: "tool.notes", priority: "normal", text: ["# Tool notes", ...lines].join("\n") }];
  },
};
