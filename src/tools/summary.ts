// The one line a person needs to recognise a tool call: its command, path or pattern.
export function summarizeInput(input: unknown, max = 200): string {
  const i = (input ?? {}) as Record<string, unknown>;
  const s = [i.command, i.file_path, i.notebook_path, i.pattern, i.path, i.description, i.url].find((v) => typeof v === "string") as string | undefined;
  const text = s ?? JSON.stringify(input ?? {});
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
