// The bash parser: tree-sitter-bash on web-tree-sitter, both wasm files embedded in the
// binary. Initialised lazily, once, on the first analysis (~15–70 ms), never at start-up.
import coreWasm from "../../../node_modules/web-tree-sitter/web-tree-sitter.wasm" with { type: "file" };
import bashWasm from "../../../node_modules/tree-sitter-bash/tree-sitter-bash.wasm" with { type: "file" };
import type { Parser, Tree } from "web-tree-sitter";

export type { Tree } from "web-tree-sitter";

let ready: Promise<Parser> | undefined;

/** The shared parser; the first call loads web-tree-sitter and the bash grammar. */
export function bashParser(): Promise<Parser> {
  ready ??= (async () => {
    const ts = await import("web-tree-sitter");
    await ts.Parser.init({ locateFile: () => coreWasm });
    const language = await ts.Language.load(bashWasm);
    const parser = new ts.Parser();
    parser.setLanguage(language);
    return parser;
  })();
  ready.catch(() => (ready = undefined));
  return ready;
}

/** Parses with an already-initialised parser; the caller deletes the tree when done. */
export function parseWith(parser: Parser, source: string): Tree {
  const tree = parser.parse(source);
  if (!tree) throw new Error("tree-sitter returned no tree (no language set)");
  return tree;
}

/** Paths of the embedded wasm files, for diagnostics (`/$bunfs/…` inside the binary). */
export const wasmPaths = { core: coreWasm, bash: bashWasm };
