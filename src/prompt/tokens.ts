// A token estimate good enough for budgets and for `keel prompt show`, with no tokenizer
// in the binary. The rule, documented so that numbers can be checked by hand:
//   tokens ≈ ceil(ASCII characters / 4) + (non-ASCII code units × 1)
// English prose and code average 3.5–4.5 characters per token on Claude's tokenizer;
// non-Latin scripts run near one token per character, so counting them singly errs high,
// which is the safe side for a budget. The API's usage figures are the real count.

export function estimateTokens(text: string): number {
  let ascii = 0;
  let other = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) < 128) ascii++;
    else other++;
  }
  return Math.ceil(ascii / 4) + other;
}
