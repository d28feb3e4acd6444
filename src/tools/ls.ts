// LS: a directory tree (shallow levels first, so a cap cuts the deep parts), .gitignore-aware.
import { basename } from "node:path";
import { z } from "zod";
import description from "./ls.md" with { type: "text" };
import { assertDirectory } from "./glob.ts";
import { checkPath } from "./paths.ts";
import { guarded } from "./result.ts";
import { defineTool } from "./tool.ts";
import { walk } from "./walk.ts";

export const LS_MAX_ENTRIES = 1000;

const input = z.strictObject({
  path: z.string().describe("The absolute path to the directory to list"),
  ignore: z.array(z.string()).optional().describe("List of glob patterns to ignore"),
});

interface Node {
  children: Map<string, Node>;
  dir: boolean;
}

export const lsTool = defineTool({
  name: "LS",
  description,
  input,
  readOnly: true,
  run: (args, ctx) =>
    guarded(async () => {
      const root = checkPath(args.path, "path", ctx.cwd);
      await assertDirectory(root, "path");
      const ignores = (args.ignore ?? []).map((p) => {
        const g = new Bun.Glob(p.replace(/\/$/, ""));
        return p.includes("/") ? (rel: string) => g.match(rel) : (rel: string) => g.match(basename(rel));
      });
      const tree: Node = { children: new Map(), dir: true };
      let count = 0;
      let truncated = false;
      for await (const e of walk(root, { signal: ctx.signal, dirs: true, skip: (rel) => ignores.some((m) => m(rel)) })) {
        if (count === LS_MAX_ENTRIES) {
          truncated = true;
          break;
        }
        count++;
        let node = tree;
        for (const part of e.rel.split("/")) {
          let child = node.children.get(part);
          if (!child) node.children.set(part, (child = { children: new Map(), dir: true }));
          node = child;
        }
        node.dir = e.dir;
      }
      const lines = [`- ${root}/`, ...render(tree, 1)];
      let text = lines.join("\n");
      if (truncated) {
        text = `There are more than ${LS_MAX_ENTRIES} files and directories under ${root}. The first ${LS_MAX_ENTRIES} (shallowest first) are listed below; pass a deeper path, or use Glob to find specific files.\n\n${text}`;
      }
      if (count === 0) text += "\n  (empty)";
      return { forModel: text, forDisplay: { root, entries: count, truncated } };
    }),
});

function render(node: Node, depth: number): string[] {
  const out: string[] = [];
  const names = [...node.children.keys()].sort();
  for (const name of names) {
    const child = node.children.get(name) as Node;
    out.push(`${"  ".repeat(depth)}- ${name}${child.dir ? "/" : ""}`);
    out.push(...render(child, depth + 1));
  }
  return out;
}
