// The bash bench's floor: what a run costs on this machine when it does no analysis at all
// but returns a result of the analysis's shape. It splits words on blanks and commands on
// operators (no quotes followed, no checks), and makes what analyzeBash makes for each
// sub-command: an object with its text, argv and reads, the words shared through the same
// word table. Timed beside the analysis in the same process, it meets the same collections
// and VM stalls: when its own p99 is near the budget, the machine sets the p99, not the
// analysis. Not a parser, and nothing outside bench/ uses it.
import { wordAt } from "../src/safety/bash/parse/intern.ts";

const NONE: readonly never[] = [];
const NO_CONTEXT: readonly string[] = [];
const ALL_STATIC: readonly boolean[] = new Array<boolean>(64).fill(false);

/** Blanks and the characters that end a command here: newline ; & | ( ). */
const isBlank = (c: number) => c === 32 || c === 9;
const endsCommand = (c: number) => c === 10 || c === 59 || c === 38 || c === 124 || c === 40 || c === 41;

export function tokenizeFloor(line: string): { command: string; commands: object[] } {
  const commands: object[] = [];
  let argv: string[] = [];
  let start = -1;
  const flush = (end: number) => {
    if (argv.length) commands.push(subCommand(wordAt(line, start, end), argv));
    argv = [];
    start = -1;
  };
  let i = 0;
  while (i < line.length) {
    const c = line.charCodeAt(i);
    if (isBlank(c)) i++;
    else if (endsCommand(c)) flush(i++);
    else {
      if (start < 0) start = i;
      const from = i;
      while (i < line.length && !isBlank(line.charCodeAt(i)) && !endsCommand(line.charCodeAt(i))) i++;
      argv.push(wordAt(line, from, i));
    }
  }
  flush(line.length);
  return { command: line, commands };
}

function subCommand(text: string, argv: string[]): object {
  // Reads as analyzeBash lists them for a command that writes nothing: its non-option words.
  let n = 0;
  for (let k = 1; k < argv.length; k++) if (argv[k]!.charCodeAt(0) !== 0x2d) n++;
  let reads: readonly string[] = NONE;
  if (n) {
    const list = new Array<string>(n);
    n = 0;
    for (let k = 1; k < argv.length; k++) if (argv[k]!.charCodeAt(0) !== 0x2d) list[n++] = argv[k]!;
    reads = list;
  }
  return { text, argv, effective: argv, dynamic: ALL_STATIC, assignments: NONE, redirects: NONE, context: NO_CONTEXT, writes: NONE, reads, readOnly: false };
}
