// `keel plugin browse`: at a terminal, a full-screen list to filter, inspect and install
// from; elsewhere (or with --json) the same list printed once for scripts.
import { type CatalogItem } from "./plugin-catalog.ts";
import { type BrowseState, parseKeys, reduce, render, selectedItem } from "./plugin-browse-state.ts";
import { runInstall } from "./plugin-install.ts";
import { infoLines, itemLine, loadItems } from "./plugin-search.ts";
import { printJson, printLine } from "./output.ts";

export async function pluginBrowse(o: { json?: boolean }): Promise<void> {
  const items = await loadItems();
  if (o.json) return printJson({ plugins: items.map(({ registry: _, ...rest }) => rest) });
  if (!(process.stdin.isTTY && process.stdout.isTTY)) {
    for (const i of items) printLine(itemLine(i));
    return;
  }
  await interactive(items);
}

async function interactive(initial: CatalogItem[]): Promise<void> {
  const stdin = process.stdin;
  const out = process.stdout;
  let state: BrowseState = { items: initial, filter: "", selected: 0, view: "list" };
  const draw = () => {
    const lines = render(state, out.rows ?? 24, out.columns ?? 80, (i) => infoLines(i));
    out.write(`\x1b[H\x1b[2J${lines.join("\r\n")}`);
  };
  out.write("\x1b[?1049h\x1b[?25l"); // alternate screen, hidden cursor: the shell's screen comes back on exit
  const raw = (on: boolean) => stdin.setRawMode?.(on);
  raw(true);
  stdin.setEncoding("utf8");
  try {
    await new Promise<void>((resolve) => {
      let busy = false;
      const onData = async (chunk: string) => {
        if (busy) return;
        for (const key of parseKeys(chunk)) {
          const { state: next, effect } = reduce(state, key);
          state = next;
          if (effect === "quit") {
            stdin.off("data", onData);
            return resolve();
          }
          if (effect === "install") {
            const item = selectedItem(state);
            if (!item) continue;
            busy = true;
            state = { ...state, message: await installFromBrowse(item, () => raw(false)) };
            raw(true);
            stdin.resume();
            state = { ...state, view: "list", items: await loadItems().catch(() => state.items) };
            busy = false;
          }
        }
        draw();
      };
      stdin.on("data", onData);
      stdin.resume();
      draw();
    });
  } finally {
    raw(false);
    stdin.pause();
    out.write("\x1b[?25h\x1b[?1049l");
  }
}

/**
 * The same question and install as `keel plugin install`, on the normal screen (so what was
 * asked and installed stays in the terminal's history after browse exits); returns the line
 * to show back in the list.
 */
async function installFromBrowse(item: CatalogItem, leaveRaw: () => void): Promise<string> {
  leaveRaw();
  process.stdout.write("\x1b[?25h\x1b[?1049l");
  if (!item.signed) process.stdout.write(`${item.spec} is unsigned: nothing vouches for its files.\n`);
  try {
    const r = await runInstall(item.spec, { allowUnsigned: !item.signed });
    if (r.status === "declined") return `${item.name}: nothing installed`;
    if (r.status === "unchanged") return `${item.name} ${r.entry?.version} is already installed`;
    return `${r.status} ${item.name} ${r.entry?.version}`;
  } catch (e) {
    return `${item.name}: ${(e as Error).message}`;
  } finally {
    process.stdout.write("\x1b[?1049h\x1b[?25l");
  }
}
