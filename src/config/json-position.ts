// Bun's JSON.parse errors carry no position. This strict JSON scanner finds the first
// offending offset so that a settings error can name line and column.

export function jsonErrorAt(text: string): { line: number; column: number; message: string } | undefined {
  let i = 0;
  const fail = (message: string): never => {
    throw Object.assign(new Error(message), { at: i });
  };
  const ws = () => {
    while (i < text.length && " \t\r\n".includes(text[i] as string)) i++;
  };
  const lit = (word: string) => (text.startsWith(word, i) ? (i += word.length) : fail(`unexpected ${describe(i)}`));
  const str = () => {
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === "\\") i++;
      else if ((text.charCodeAt(i) as number) < 0x20) fail("control character in a string");
      i++;
    }
    if (i >= text.length) fail("unterminated string");
    i++;
  };
  const num = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m) fail(`unexpected ${describe(i)}`);
    i += (m as RegExpExecArray)[0].length;
  };
  const describe = (at: number) => (at >= text.length ? "end of file" : `'${text[at]}'`);
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === "{") return container("}", true);
    if (c === "[") return container("]", false);
    if (c === '"') return str();
    if (c === "t") return void lit("true");
    if (c === "f") return void lit("false");
    if (c === "n") return void lit("null");
    return num();
  };
  const container = (close: string, keyed: boolean): void => {
    i++;
    ws();
    if (text[i] === close) return void i++;
    for (;;) {
      if (keyed) {
        ws();
        if (text[i] !== '"') fail(`expected a quoted key, found ${describe(i)}`);
        str();
        ws();
        if (text[i] !== ":") fail(`expected ':' after a key, found ${describe(i)}`);
        i++;
      }
      value();
      ws();
      if (text[i] === ",") {
        i++;
        continue;
      }
      if (text[i] === close) return void i++;
      fail(`expected ',' or '${close}', found ${describe(i)}`);
    }
  };
  try {
    value();
    ws();
    if (i < text.length) fail(`unexpected ${describe(i)} after the value`);
    return undefined;
  } catch (e) {
    const at = (e as { at?: number }).at ?? i;
    const before = text.slice(0, at).split("\n");
    return { line: before.length, column: (before.at(-1) as string).length + 1, message: (e as Error).message };
  }
}
