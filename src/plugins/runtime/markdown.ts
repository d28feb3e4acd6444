// Commands, agents and skills are markdown with a frontmatter block, as Claude Code writes
// them. Only the flat subset they use is read: `key: value`, `key: [a, b]`, `- item` lists,
// `key: |` / `key: >` blocks and quoted strings; anything else stays a string rather than failing the plugin.

export interface MarkdownDoc {
  meta: Record<string, string | string[]>;
  body: string;
}

const unquote = (v: string) => (/^(["']).*\1$/.test(v) ? v.slice(1, -1) : v);

export function parseMarkdown(text: string): MarkdownDoc {
  const m = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  if (!m) return { meta: {}, body: text.trim() };
  const meta: Record<string, string | string[]> = {};
  let listKey: string | undefined;
  // `description: |` / `>-`: the indented lines below are the value (literal keeps the newlines, folded joins them).
  let block: { key: string; fold: boolean; lines: string[] } | undefined;
  const endBlock = () => {
    if (block) meta[block.key] = block.lines.join(block.fold ? " " : "\n").trim();
    block = undefined;
  };
  for (const raw of (m[1] as string).split(/\r?\n/)) {
    if (block && (/^\s/.test(raw) || raw.trim() === "")) {
      block.lines.push(raw.trim());
      continue;
    }
    endBlock();
    const item = /^\s+-\s+(.*)$/.exec(raw) ?? (listKey ? /^-\s+(.*)$/.exec(raw) : null);
    if (item && listKey) {
      const list = Array.isArray(meta[listKey]) ? (meta[listKey] as string[]) : [];
      list.push(unquote((item[1] as string).trim()));
      meta[listKey] = list;
      continue;
    }
    const kv = /^([A-Za-z0-9_-]+):\s*(.*)$/.exec(raw);
    if (!kv) continue;
    const key = kv[1] as string;
    const value = (kv[2] as string).trim();
    listKey = value === "" ? key : undefined;
    if (value === "") continue;
    if (/^[|>][+-]?$/.test(value)) {
      block = { key, fold: value.startsWith(">"), lines: [] };
      continue;
    }
    meta[key] = value.startsWith("[") && value.endsWith("]") ? value.slice(1, -1).split(",").map((s) => unquote(s.trim())).filter(Boolean) : unquote(value);
  }
  endBlock();
  return { meta, body: text.slice(m[0].length).trim() };
}

/** A frontmatter field as one string (lists joined). */
export const metaString = (meta: MarkdownDoc["meta"], key: string): string | undefined => {
  const v = meta[key];
  return Array.isArray(v) ? v.join(", ") : v;
};

/** A frontmatter field as a list: `tools: Read, Grep` and `tools: [Read, Grep]` alike. */
export const metaList = (meta: MarkdownDoc["meta"], key: string): string[] | undefined => {
  const v = meta[key];
  if (v === undefined) return undefined;
  return (Array.isArray(v) ? v : v.split(",")).map((s) => s.trim()).filter(Boolean);
};
