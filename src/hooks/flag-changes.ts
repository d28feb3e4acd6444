// FlagChanged: the session's resolved flag snapshot changed while it ran (a remote
// GrowthBook refresh or SSE push). The flags domain emits one change per key; this turns
// each into the hook event. Typed structurally, so hooks/ never loads the flags code.
import type { EventFields, HookRunner } from "./events.ts";

export interface FlagChange {
  key: string;
  previous: unknown;
  value: unknown;
  source: string;
}

/** What a session's flags offer: changes to listen to, and a remote to follow. */
export interface FlagFeed {
  on(listener: (c: FlagChange) => void): () => void;
  refresh(): Promise<void>;
  startSync(onError?: (err: unknown) => void): Promise<void>;
  close(): void;
}

export interface FlagFollowOptions {
  runner: HookRunner;
  sessionId: string;
  cwd: string;
  notify: (line: string) => void;
}

/**
 * Fires FlagChanged for every change the feed reports until close(): first whatever a
 * fresh fetch finds against the snapshot the session started from, then each push.
 * Start-up does not wait for the network; a failing remote is said once.
 */
export function followFlags(feed: FlagFeed, o: FlagFollowOptions): { close(): void; ready: Promise<void> } {
  let closed = false;
  let told = false;
  const onError = (e: unknown) => {
    if (told || closed) return;
    told = true;
    o.notify(`flags: the remote could not be followed: ${(e as Error).message ?? String(e)}`);
  };
  const off = feed.on((c) => {
    if (closed) return;
    const fields: EventFields["FlagChanged"] = { flag: c.key, old_value: c.previous, new_value: c.value, source: c.source };
    void o.runner.run("FlagChanged", { session_id: o.sessionId, cwd: o.cwd, hook_event_name: "FlagChanged", ...fields }).catch(() => {});
  });
  const ready = (async () => {
    await feed.refresh().catch(onError);
    // Closed while the fetch ran: starting the sync now would leave it running for good.
    if (!closed) await feed.startSync(onError).catch(onError);
    if (closed) feed.close(); // closed while the sync was starting
  })();
  return {
    ready,
    close() {
      closed = true;
      off();
      feed.close();
    },
  };
}
