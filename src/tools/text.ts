// Small text helpers shared by the file tools: cat -n numbering, line splitting,
// binary sniffing and truncation markers.

/** `cat -n` layout: the line number right-aligned in six columns, a tab, the line. */
export function numberLines(lines: readonly string[], firstLineNo: number): string {
  return lines.map((l, i) => `${String(firstLineNo + i).padStart(6)}\t${l}`).join("\n");
}

/** Splits on \n and drops a \r before it, so CRLF files read like LF files. */
export function splitLines(text: string): string[] {
  const lines = text.split("\n");
  if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  return lines.map((l) => (l.endsWith("\r") ? l.slice(0, -1) : l));
}

/** A NUL byte in the first 8 KiB is how git and ripgrep tell binary from text. */
export function looksBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, 8192).includes(0);
}

export function truncateLine(line: string, max: number): string {
  return line.length <= max ? line : `${line.slice(0, max)}… [${line.length - max} more characters]`;
}

export function decodeUtf8(bytes: Uint8Array): string {
  const text = new TextDecoder("utf-8").decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export const kib = (n: number) => `${Math.round(n / 1024)} KiB`;
