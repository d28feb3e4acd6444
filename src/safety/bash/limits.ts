// Where the analysis stops following a command and says so. Past these depths a command is
// "confirm" through the named check nesting-limit, never allow: real commands nest $(…) a
// few levels, while a hostile one nested hundreds deep costs the parser and every check
// time in proportion to depth × length (each level's words hold all the levels inside).

/** `sh -c '…'` scripts analysed inside one another; deeper ones fire nesting-limit. */
export const MAX_SHELL_NESTING = 3;

/** Enclosing constructs (subshell, loop, condition, pipeline …) around a command; deeper ones are not extracted. */
export const MAX_CONTEXT_DEPTH = 100;

/** Open parentheses ($(, <(, >(, (, (( …) open at once; past this the command is not parsed. */
export const MAX_PAREN_DEPTH = 32;

/**
 * The deepest run of unclosed "(" in the raw text, quotes ignored: an over-estimate of how
 * deep $(…) and subshells nest, linear and without a parse.
 */
export function parenDepth(command: string): number {
  let depth = 0;
  let max = 0;
  // From one parenthesis to the next with indexOf (a native scan): most of a long line has none.
  let open = command.indexOf("(");
  let close = open < 0 ? -1 : command.indexOf(")", open);
  while (open >= 0) {
    if (close >= 0 && close < open) {
      if (depth > 0) depth--;
      close = command.indexOf(")", close + 1);
      continue;
    }
    if (++depth > max) max = depth;
    open = command.indexOf("(", open + 1);
  }
  return max;
}
