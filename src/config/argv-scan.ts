// Options read from argv before commander runs: they shape the program itself (the settings
// layer, the flag snapshot that decides which commands exist, plugin dirs whose commands join).
// Stops at `--`, takes `--name value` and `--name=value`, every occurrence in order.
export function scanOption(argv: readonly string[], name: string): string[] {
  const found: string[] = [];
  const prefix = `${name}=`;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === "--") break;
    if (a === name && i + 1 < argv.length) found.push(argv[++i] as string);
    else if (a.startsWith(prefix)) found.push(a.slice(prefix.length));
  }
  return found;
}
