// Bounded capture of command output: keeps the first and the last part and counts what
// was dropped between them, so a command printing gigabytes costs a fixed amount of memory;
// and the same cut for an output already whole (MCP and plugin tool results).

export class HeadTail {
  private head = "";
  private tail = "";
  private dropped = 0;

  constructor(
    private readonly headMax: number,
    private readonly tailMax: number,
  ) {}

  push(chunk: string): void {
    let s = chunk;
    if (this.head.length < this.headMax) {
      const take = this.headMax - this.head.length;
      this.head += s.slice(0, take);
      s = s.slice(take);
    }
    if (s === "") return;
    this.tail += s;
    if (this.tail.length > 2 * this.tailMax) {
      this.dropped += this.tail.length - this.tailMax;
      this.tail = this.tail.slice(-this.tailMax);
    }
  }

  /** The captured text, with a marker where the middle was dropped. */
  text(): string {
    let { tail, dropped } = this;
    if (tail.length > this.tailMax) {
      dropped += tail.length - this.tailMax;
      tail = tail.slice(-this.tailMax);
    }
    return dropped === 0 ? this.head + tail : `${this.head}${omitted(dropped, "output")}${tail}`;
  }
}

/** The marker put where the middle of an output was dropped. */
const omitted = (n: number, what: string) => `\n\n... [${n} characters of ${what} omitted] ...\n\n`;

/** `text` within `max` characters: its first and last halves, with a marker counting what was dropped between. */
export function keepHeadAndTail(text: string, max: number, what: string): string {
  if (text.length <= max) return text;
  const half = Math.floor(max / 2);
  return `${text.slice(0, half)}${omitted(text.length - 2 * half, what)}${text.slice(-half)}`;
}
