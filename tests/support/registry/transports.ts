// Opens a fixture registry through each transport keel supports, so one contract suite runs
// against all of them: the embedded bundle (as the binary would read it), a directory, and
// loopback HTTP (with the server exposed for faults).
import { join } from "node:path";
import { EMBEDDED_SOURCE, openRegistry, parseRegistryLocation, type Registry } from "../../../src/plugins/registry/index.ts";
import type { Fixture } from "./fixture.ts";
import { serveDir, type StaticServer } from "./static-server.ts";

export type TransportKind = "embedded" | "dir" | "http";
export const TRANSPORTS: TransportKind[] = ["embedded", "dir", "http"];

export interface Opened {
  registry: Registry;
  /** The loopback server (http only). */
  server?: StaticServer;
  /** Opens another client on the same source and cache (a later keel process). */
  reopen(o?: { deadlineMs?: number; now?: () => Date }): Registry;
  close(): Promise<void>;
}

export function openVia(kind: TransportKind, fx: Fixture, cacheDir: string, o: { deadlineMs?: number; now?: () => Date } = {}): Opened {
  const server = kind === "http" ? serveDir(fx.dir) : undefined;
  const source = kind === "embedded" ? EMBEDDED_SOURCE : parseRegistryLocation(kind === "http" ? (server as StaticServer).url : fx.dir, "test");
  const open = (more: { deadlineMs?: number; now?: () => Date } = {}) =>
    openRegistry({ source, cacheDir, ...o, ...more, ...(kind === "embedded" ? { bundlePath: join(fx.dir, "embedded.bundle") } : {}) });
  return {
    registry: open(),
    ...(server ? { server } : {}),
    reopen: open,
    close: async () => {
      await server?.stop();
    },
  };
}
