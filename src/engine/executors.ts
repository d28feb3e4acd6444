// Two tool executors with one contract. Both order runs the same way — read-only
// calls run in parallel with each other, any other call waits for everything before
// it and holds back everything after it — and both return results in tool_use order.
// They differ in when a call starts: the streaming executor at its content_block_stop,
// while the model is still writing; the batch executor once the whole message is in.
import type { ToolCall, ToolResultBlockParam } from "../model/index.ts";
import { prepareCall, runPrepared, type RunEnv } from "./tool-run.ts";

export type ExecutorKind = "streaming" | "batch";

export interface ToolExecutor {
  readonly kind: ExecutorKind;
  /** A tool_use block is complete. */
  add(call: ToolCall): void;
  /** The message is complete; resolves with every result, in the order calls were added. */
  finish(): Promise<ToolResultBlockParam[]>;
  /** The message failed: start nothing more, wait for runs already started (they see the abort). */
  discard(): Promise<void>;
}

export function createExecutor(kind: ExecutorKind, env: RunEnv): ToolExecutor {
  return kind === "streaming" ? streamingExecutor(env) : batchExecutor(env);
}

export function streamingExecutor(env: RunEnv): ToolExecutor {
  const order = new RunOrder();
  const results: Promise<ToolResultBlockParam>[] = [];
  return {
    kind: "streaming",
    add(call) {
      const p = prepareCall(call, env.tools);
      results.push(order.schedule(p.readOnly, () => runPrepared(p, env)));
    },
    finish: () => Promise.all(results),
    discard: async () => void (await Promise.allSettled(results)),
  };
}

export function batchExecutor(env: RunEnv): ToolExecutor {
  const calls: ToolCall[] = [];
  return {
    kind: "batch",
    add: (call) => void calls.push(call),
    finish() {
      const order = new RunOrder();
      return Promise.all(
        calls.map((call) => {
          const p = prepareCall(call, env.tools);
          return order.schedule(p.readOnly, () => runPrepared(p, env));
        }),
      );
    },
    discard: async () => void calls.splice(0),
  };
}

/** Readers-writer ordering over calls in arrival order. */
export class RunOrder {
  private lastWrite: Promise<unknown> = Promise.resolve();
  private readsSinceWrite: Promise<unknown>[] = [];

  schedule<T>(readOnly: boolean, job: () => Promise<T>): Promise<T> {
    const after = readOnly ? this.lastWrite : Promise.all([this.lastWrite, ...this.readsSinceWrite]);
    const run = after.then(job);
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    if (readOnly) this.readsSinceWrite.push(settled);
    else {
      this.lastWrite = settled;
      this.readsSinceWrite = [];
    }
    return run;
  }
}
