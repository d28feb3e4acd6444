// What a running session follows for its hooks: its settings files (ConfigChange) and,
// when a FlagChanged hook is configured at start, its flags' remote. One close() for both,
// called by the front end when the session ends.
import { type Watch, type WatchedLayer, watchConfig } from "./config-watch.ts";
import { type FlagFeed, followFlags } from "./flag-changes.ts";
import type { KeelHookRunner } from "./runner.ts";

export interface SessionWatchOptions {
  layers: readonly WatchedLayer[];
  runner: KeelHookRunner;
  sessionId: string;
  cwd: string;
  notify: (line: string) => void;
  /** Opens the session's flags; called only when a FlagChanged hook exists (the flags code stays unloaded otherwise). */
  openFlags?: () => Promise<FlagFeed>;
}

export function watchSession(o: SessionWatchOptions): Watch {
  const ids = { sessionId: o.sessionId, cwd: o.cwd, notify: o.notify };
  const config = watchConfig({ ...ids, layers: o.layers, runner: o.runner });
  let closed = false;
  let flags: { close(): void } | undefined;
  if (o.openFlags && o.runner.active.some((d) => d.event === "FlagChanged")) {
    o.openFlags()
      .then((feed) => {
        flags = followFlags(feed, { ...ids, runner: o.runner });
        if (closed) flags.close(); // the session ended while the flags opened
      })
      .catch((e: Error) => o.notify(`FlagChanged hooks will not fire: the flags could not be opened: ${e.message}`));
  }
  return {
    close() {
      closed = true;
      config.close();
      flags?.close();
    },
  };
}
