// Recovery layer 4's trigger: the endpoint says the prompt does not fit (413, or 400
// "prompt is too long").
export function isPromptTooLong(err: unknown): boolean {
  const e = err as { status?: number; message?: string; error?: { error?: { message?: string } } } | undefined;
  const text = `${e?.error?.error?.message ?? ""} ${e?.message ?? ""}`;
  return e?.status === 413 || (e?.status === 400 && /prompt is too long/i.test(text));
}
