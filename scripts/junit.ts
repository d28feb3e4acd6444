// Reads the JUnit report bun test writes: the run's counts, and each failure's test and
// message, so the end of a CI log (often all that is kept of it) says what failed and why.

export interface Counts {
  total: number;
  failed: number;
  skipped: number;
}

export interface Failure {
  /** file > describe > test, as the runner names them. */
  test: string;
  /** The error's text, as thrown (a tmux test's includes the screen it saw). */
  message: string;
}

const unescape = (s: string) =>
  s.replace(/&(#\d+|#x[\da-f]+|lt|gt|quot|apos|amp);/gi, (_, e: string) => {
    if (e[0] === "#") return String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
    return ({ lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" } as Record<string, string>)[e.toLowerCase()]!;
  });

const attr = (tag: string, name: string) => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? unescape(m[1]!) : undefined;
};

/** The counts on the report's <testsuites> element; undefined when they cannot be read. */
export function readCounts(xml: string): Counts | undefined {
  const top = /<testsuites\b[^>]*>/.exec(xml)?.[0] ?? "";
  const num = (name: string) => Number(attr(top, name) ?? "NaN");
  /** errors and skipped are left out of some reports: absent (or unreadable) is none. */
  const optional = (name: string) => {
    const n = num(name);
    return Number.isNaN(n) ? 0 : n;
  };
  const total = num("tests");
  const failed = num("failures") + optional("errors");
  if (Number.isNaN(total) || Number.isNaN(failed)) return undefined;
  return { total, failed, skipped: optional("skipped") };
}

/** Every failed or errored test case, in report order. */
export function readFailures(xml: string): Failure[] {
  const out: Failure[] = [];
  const cases = /<testcase\b([^>]*?)(?:\/>|>([\s\S]*?)<\/testcase>)/g;
  for (let m = cases.exec(xml); m; m = cases.exec(xml)) {
    const body = m[2] ?? "";
    const failure = /<(failure|error)\b([^>]*?)(?:\/>|>([\s\S]*?)<\/\1>)/.exec(body);
    if (!failure) continue;
    const head = m[1]!;
    const test = [attr(head, "file"), attr(head, "classname"), attr(head, "name")].filter(Boolean).join(" > ");
    out.push({ test, message: unescape(failure[3] ?? "") || attr(failure[2]!, "message") || "(no message)" });
  }
  return out;
}

/** Failures as text for the end of a log, each message cut to its first `lines` lines. */
export function formatFailures(failures: readonly Failure[], lines = 60): string {
  return failures
    .map((f) => {
      const text = f.message.trimEnd().split("\n");
      const shown = text.length > lines ? [...text.slice(0, lines), `… ${text.length - lines} more lines`] : text;
      return `FAILED ${f.test}\n${shown.map((l) => `  ${l}`).join("\n")}`;
    })
    .join("\n\n");
}
