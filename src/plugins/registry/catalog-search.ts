// Browsing over the verified catalog: an index of each row's searchable text (built once per
// catalog), rows checked in full only when handed out, and a search that ranks name matches
// above description matches.
import { type CatalogRow as Row, CatalogRow, rowHead } from "./catalog-file.ts";
import { type CatalogEntry, RegistryError } from "./types.ts";

export class CatalogIndex {
  private readonly names: string[] = [];
  private readonly texts: string[] = [];
  /** Positions of rows with a live version (fully revoked plugins are not listed). */
  private readonly live: number[] = [];
  private readonly byName = new Map<string, number>();
  private readonly checked = new Map<number, Row>();

  constructor(
    private readonly raw: readonly unknown[],
    private readonly where: string,
  ) {
    raw.forEach((r, i) => {
      const head = rowHead(r);
      if (typeof head === "string") throw new RegistryError(`${where}: catalog.json plugin #${i}: ${head}`);
      this.names.push(head.name.toLowerCase());
      this.texts.push(`${head.publisher}/${head.name} ${head.description}`.toLowerCase());
      this.byName.set(head.name, i);
      if (head.live) this.live.push(i);
    });
  }

  get size(): number {
    return this.live.length;
  }

  /** The row in full (zod), once. */
  row(i: number): Row {
    let r = this.checked.get(i);
    if (!r) {
      const parsed = CatalogRow.safeParse(this.raw[i]);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new RegistryError(`${this.where}: catalog.json plugin #${i} (${this.names[i]}): ${issue?.path.join(".")}: ${issue?.message}`);
      }
      r = parsed.data;
      this.checked.set(i, r);
    }
    return r;
  }

  find(name: string): Row | undefined {
    const i = this.byName.get(name);
    return i === undefined ? undefined : this.row(i);
  }

  allNames(): string[] {
    return [...this.byName.keys()];
  }

  entry(i: number): CatalogEntry {
    const r = this.row(i);
    return { name: r.latest.name, publisher: r.latest.publisher, description: r.latest.description, versions: r.versions, latest: r.latest };
  }

  all(): CatalogEntry[] {
    return this.live.map((i) => this.entry(i));
  }

  /** Every word must match (name, publisher or description); exact and prefix name hits first. */
  search(text: string): CatalogEntry[] {
    const words = text.toLowerCase().split(/\s+/).filter(Boolean);
    if (words.length === 0) return this.all();
    const whole = text.trim().toLowerCase();
    const first = words[0] as string;
    const scored: [number, number][] = [];
    for (const i of this.live) {
      const hay = this.texts[i] as string;
      if (!words.every((w) => hay.includes(w))) continue;
      const name = this.names[i] as string;
      scored.push([name === whole ? 0 : name.startsWith(first) ? 1 : name.includes(first) ? 2 : 3, i]);
    }
    scored.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    return scored.map(([, i]) => this.entry(i));
  }
}
