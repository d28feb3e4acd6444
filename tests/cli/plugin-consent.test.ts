// What the person reads before an install: capabilities, and — because capabilities do not say
// it — whether the plugin ships code of its own for the plugin host to run.
import { expect, test } from "bun:test";
import type { InstallPlan } from "../../src/plugins/index.ts";
import { consentText } from "../../src/cli/plugin-consent.ts";

const file = (path: string) => ({ path, sha256: "0".repeat(64), size: 1, mode: 0o644 });
const plan = (paths: string[]): InstallPlan => ({
  pending: { name: "pet", version: "1.0.0", publisher: "keel", source: "registry:embedded", signed: true, format: "keel", capabilities: ["ui"], files: paths.map(file), publisherKeys: [] },
  change: "new",
  added: ["ui"],
  publisherChanged: false,
  keysChanged: false,
  needsConsent: true,
});

test.each([
  [["plugin.json", "host.js", "lib/a.mjs"], "it ships code keel runs in a plugin host process (host.js, lib/a.mjs)"],
  [["plugin.json", "commands/commit.md", "notes.txt"], undefined],
])("files %j", (paths, line) => {
  const text = consentText(plan(paths)).join("\n");
  if (line) expect(text).toContain(line);
  else expect(text).not.toContain("ships code");
});
