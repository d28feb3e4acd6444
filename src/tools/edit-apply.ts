// The pure part of Edit and MultiEdit: apply exact-string replacements in order and
// say precisely why one cannot apply. Replacement is literal (never String.replace
// patterns, so "$&" in new_string stays "$&").

export interface EditOp {
  old_string: string;
  new_string: string;
  replace_all?: boolean | undefined;
}

export type Applied = { ok: true; content: string; firstChange: number } | { ok: false; message: string };

export function applyEdits(original: string, edits: readonly EditOp[]): Applied {
  const crlf = original.includes("\r\n");
  let content = original;
  let firstChange = Number.POSITIVE_INFINITY;
  const earlierNew: string[] = [];
  for (const [i, raw] of edits.entries()) {
    const label = edits.length > 1 ? `edits[${i}]: ` : "";
    const edit = crlf ? matchLineEndings(content, raw) : raw;
    if (edit.old_string === edit.new_string) {
      return { ok: false, message: `${label}No changes to make: old_string and new_string are exactly the same.` };
    }
    if (edit.old_string === "") {
      return { ok: false, message: `${label}old_string is empty; quote the exact text to replace (an empty old_string only creates a new file).` };
    }
    if (earlierNew.some((n) => n.includes(edit.old_string))) {
      return { ok: false, message: `${label}old_string is a substring of the new_string of an earlier edit; combine those edits into one.` };
    }
    const count = countOccurrences(content, edit.old_string);
    if (count === 0) {
      return { ok: false, message: `${label}old_string was not found in the file. It must match exactly, including whitespace and indentation (without Read's line-number prefix).\nold_string: ${preview(raw.old_string)}` };
    }
    if (count > 1 && !edit.replace_all) {
      return {
        ok: false,
        message: `${label}old_string occurs ${count} times in the file, but replace_all is false. Add surrounding context so it matches exactly once, or set replace_all to true to replace every occurrence.\nold_string: ${preview(raw.old_string)}`,
      };
    }
    const at = content.indexOf(edit.old_string);
    firstChange = Math.min(firstChange, at);
    content = edit.replace_all ? content.split(edit.old_string).join(edit.new_string) : content.slice(0, at) + edit.new_string + content.slice(at + edit.old_string.length);
    earlierNew.push(edit.new_string);
  }
  return { ok: true, content, firstChange: Number.isFinite(firstChange) ? firstChange : 0 };
}

export function countOccurrences(haystack: string, needle: string): number {
  let n = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) n++;
  return n;
}

/** The model writes \n; in a CRLF file, match and write \r\n unless its text already matches as given. */
function matchLineEndings(content: string, e: EditOp): EditOp {
  if (!e.old_string.includes("\n") || e.old_string.includes("\r\n") || content.includes(e.old_string)) return e;
  const toCrlf = (s: string) => s.replace(/\r?\n/g, "\r\n");
  return { ...e, old_string: toCrlf(e.old_string), new_string: toCrlf(e.new_string) };
}

function preview(s: string): string {
  return s.length > 300 ? `${JSON.stringify(s.slice(0, 300))}…` : JSON.stringify(s);
}
