// Request checks the real API makes before it answers, in its own wording, so a client bug that
// the API would reject (a missing field, a tool_use left without its tool_result) fails here too.

const blocksOf = (message: any): any[] => (Array.isArray(message?.content) ? message.content : []);

/** The first shape problem of a Messages (or count_tokens) body, or null. */
export function bodyProblem(body: any, forCount: boolean): string | null {
  if (body === null || typeof body !== "object" || Array.isArray(body)) return "request body must be a JSON object";
  if (typeof body.model !== "string") return "model: Field required";
  if (!forCount && typeof body.max_tokens !== "number") return "max_tokens: Field required";
  if (!Array.isArray(body.messages)) return "messages: Field required";
  for (const [i, m] of body.messages.entries()) {
    if (m?.role !== "user" && m?.role !== "assistant") return `messages.${i}.role: Input should be 'user' or 'assistant'`;
  }
  return null;
}

/** Every tool_use answered by a tool_result in the next message, and no tool_result unasked for. */
export function toolPairingProblem(messages: any[]): string | null {
  for (let i = 0; i < messages.length; i++) {
    const message = messages[i];
    const previous = i > 0 ? messages[i - 1] : undefined;
    if (message?.role === "user") {
      const asked = new Set(previous?.role === "assistant" ? blocksOf(previous).filter((b) => b?.type === "tool_use").map((b) => b.id) : []);
      const blocks = blocksOf(message);
      for (let j = 0; j < blocks.length; j++) {
        const b = blocks[j];
        if (b?.type === "tool_result" && !asked.has(b.tool_use_id)) {
          return (
            `messages.${i}.content.${j}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${b.tool_use_id}. ` +
            "Each `tool_result` block must have a corresponding `tool_use` block in the previous message."
          );
        }
      }
    }
    if (message?.role !== "assistant" || i === messages.length - 1) continue;
    const answered = new Set(blocksOf(messages[i + 1]).filter((b) => b?.type === "tool_result").map((b) => b.tool_use_id));
    const missing = blocksOf(message)
      .filter((b) => b?.type === "tool_use" && !answered.has(b.id))
      .map((b) => b.id);
    if (missing.length > 0) {
      return (
        `messages.${i}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${missing.join(", ")}. ` +
        "Each `tool_use` block must have a corresponding `tool_result` block in the next message."
      );
    }
  }
  return null;
}
