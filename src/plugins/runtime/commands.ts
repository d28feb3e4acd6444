// Plugin slash commands: `/name args` (or `/plugin:name args`, Claude Code's spelling)
// becomes the command's prompt with $ARGUMENTS, $1…$9 filled in. Without a placeholder the
// arguments follow the prompt, as Claude Code does, so nothing typed is lost.
import type { PluginCommand } from "./types.ts";

export interface ExpandedCommand {
  command: PluginCommand;
  prompt: string;
}

export function findCommand(commands: readonly PluginCommand[], typed: string): PluginCommand | undefined {
  const [a, b] = typed.includes(":") ? typed.split(":", 2) : [undefined, typed];
  return commands.find((c) => c.name === b && (a === undefined || c.plugin === a));
}

export function fillArguments(body: string, args: string): string {
  const words = args.trim() ? args.trim().split(/\s+/) : [];
  const hasPlaceholder = /\$ARGUMENTS|\$[1-9]/.test(body);
  // One pass with a function: the arguments go in as typed, never rescanned for $1 or for replace()'s $$ / $& patterns.
  const filled = body.replace(/\$ARGUMENTS|\$([1-9])/g, (_, n: string | undefined) => (n ? (words[Number(n) - 1] ?? "") : args.trim()));
  return !hasPlaceholder && args.trim() ? `${filled}\n\nARGUMENTS: ${args.trim()}` : filled;
}

/** The prompt for a typed line, or undefined when the line is not one of the plugin commands. */
export function expandCommand(commands: readonly PluginCommand[], line: string): ExpandedCommand | undefined {
  const m = /^\/([A-Za-z0-9][\w:-]*)(?:\s+([\s\S]*))?$/.exec(line.trim());
  if (!m) return undefined;
  const command = findCommand(commands, m[1] as string);
  return command ? { command, prompt: fillArguments(command.body, m[2] ?? "") } : undefined;
}
