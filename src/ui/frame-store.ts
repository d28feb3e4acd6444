// The UI's state holder. Changes apply at once but reach React at most once per frame
// (16 ms, 60 fps): a stream of thousands of deltas costs a few dozen renders, not thousands.
export class FrameStore<S> {
  private listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Frames delivered to React (for the bench). */
  frames = 0;

  constructor(
    private state: S,
    private readonly frameMs = 16,
  ) {}

  getSnapshot = (): S => this.state;

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  update(fn: (s: S) => S): void {
    this.state = fn(this.state);
    this.timer ??= setTimeout(() => this.flush(), this.frameMs);
  }

  /** Delivers pending changes now (before exit, or when a person is waiting on a key). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.frames++;
    for (const fn of this.listeners) fn();
  }
}
