// Bounded capture of command output: keeps the first and the last part and counts what
// was dropped between them, so a command printing gigabytes costs a fixed amount of memory.

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
    return dropped === 0 ? this.head + tail : `${this.head}\n\n... [${dropped} characters of output omitted] ...\n\n${tail}`;
  }
}
