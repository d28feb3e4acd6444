// A gate a test opens by hand: pass it as a reply's `hold` to keep message_delta + message_stop
// back, then `open()` it once the test has seen what it wanted before the message ended.
export interface Gate {
  promise: Promise<void>;
  open(): void;
  readonly isOpen: boolean;
}

export function createGate(): Gate {
  let release!: () => void;
  let isOpen = false;
  const promise = new Promise<void>((resolve) => (release = resolve));
  return {
    promise,
    open() {
      isOpen = true;
      release();
    },
    get isOpen() {
      return isOpen;
    },
  };
}
