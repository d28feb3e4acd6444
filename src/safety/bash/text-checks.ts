// Checks on the raw characters, before any parsing: things a person cannot see in a
// prompt (zero-width, bidi, control, escape sequences) or that look like something else.
import { fire } from "./checks.ts";
import type { FiredCheck } from "./types.ts";

const UNICODE_SPACE = /[\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/u;
const HIDDEN = /[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/u;
const CONTROL = /[\u0000-\u0008\u000b-\u000d\u000e-\u001a\u001c-\u001f\u007f\u0080-\u009a\u009c-\u009f]/u;
const ESCAPE = /[\u001b\u009b]/u;
const LATIN = /[A-Za-z]/;
const LOOKALIKE = /[\u0370-\u03ff\u0400-\u052f\u0531-\u058f\u13a0-\u13ff\uff00-\uffef\u1d00-\u1d7f\u2100-\u214f]/u;
/** Anything but printable ASCII, tab and newline: non-ASCII or a control character, in one scan. */
const UNUSUAL = /[^\t\n\x20-\x7e]/;

export function textChecks(command: string): FiredCheck[] {
  const out: FiredCheck[] = [];
  if (!UNUSUAL.test(command)) return out;
  const at = (re: RegExp) => {
    const m = re.exec(command);
    return m ? around(command, m.index) : undefined;
  };
  const space = at(UNICODE_SPACE);
  if (space !== undefined) out.push(fire("unicode-whitespace", space));
  const hidden = at(HIDDEN);
  if (hidden !== undefined) out.push(fire("hidden-characters", hidden));
  const control = at(CONTROL);
  if (control !== undefined) out.push(fire("control-characters", control));
  const escape = at(ESCAPE);
  if (escape !== undefined) out.push(fire("ansi-escape", escape));
  for (const word of command.split(/[\s"'`$(){};|&<>]+/)) {
    if (LATIN.test(word) && LOOKALIKE.test(word)) {
      out.push(fire("homoglyph", word));
      break;
    }
  }
  return out;
}

function around(s: string, i: number): string {
  return s.slice(Math.max(0, i - 20), i + 20);
}
