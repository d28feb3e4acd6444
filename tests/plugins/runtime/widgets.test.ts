// Plugin widgets through a real host: frames fetched once and animated locally, reactions to
// engine events shown beside the frame, start() never waiting on the host.
import { afterEach, expect, test } from "bun:test";
import { type PluginRuntime, WidgetClient, type WidgetLines } from "../../../src/plugins/index.ts";
import { manifest, runtimeFor, uniqueName, writeTree } from "./fixtures.ts";

const open: PluginRuntime[] = [];
const clients: WidgetClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.stop();
  await Promise.all(open.splice(0).map((r) => r.close()));
});

const HOST = `
let framesAsked = 0;
export const widgets = {
  pet: {
    frames: () => { framesAsked++; return [["(o_o)", "/| |\\\\"], ["(-_-)", "/| |\\\\"]]; },
    react: (ev) => (ev.kind === "tool_failed" ? "ouch, " + ev.detail : ev.kind === "turn_done" ? "nice" : undefined),
  },
  mood: { frames: () => [["calm"]] },
};
export const calls = { framesAsked: () => framesAsked };`;

function setup() {
  const name = uniqueName("pet");
  const root = writeTree({
    "plugin.json": manifest(name, { contributes: { hostModules: ["host.js"], widgets: [{ id: "pet", slot: "companion" }, { id: "mood", slot: "status" }] } }),
    "host.js": HOST,
  });
  const { runtime } = runtimeFor([root]);
  open.push(runtime);
  const seen: WidgetLines[] = [];
  const waiters: { pred: (l: WidgetLines) => boolean; resolve: () => void }[] = [];
  const client = new WidgetClient(runtime, {
    fps: 20,
    onChange: (l) => {
      seen.push(l);
      for (const w of waiters.filter((x) => x.pred(l))) w.resolve();
    },
  });
  clients.push(client);
  const until = (pred: (l: WidgetLines) => boolean) => (seen.some(pred) ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ pred, resolve })));
  return { name, runtime, client, seen, until };
}

test("start() returns at once; frames arrive from the host, then animate here without asking again", async () => {
  const w = setup();
  w.client.start();
  expect(w.client.lines()).toEqual({ companion: [], status: "" });
  await w.until((l) => l.companion[0] === "(o_o)");
  await w.until((l) => l.companion[0] === "(-_-)");
  await w.until((l) => l.companion[0] === "(o_o)");
  // The status widget's frames come from their own request: wait for them rather than race them.
  await w.until((l) => l.status === "calm");
  expect(await w.runtime.call(w.name, "framesAsked")).toBe(1);
});

test("a finished turn and a failed tool each get a reaction, shown under the frame", async () => {
  const w = setup();
  w.client.start();
  await w.until((l) => l.companion.length > 0);
  w.client.engineEvent({ type: "session_end" });
  await w.until((l) => l.companion.includes("“nice”"));
  w.client.engineEvent({ type: "tool_result", isError: true, name: "Bash" });
  await w.until((l) => l.companion.includes("“ouch, Bash”"));
});

test("a failure's reaction is not talked over by the end-of-turn remark that follows at once: that one waits its turn", async () => {
  const w = setup();
  w.client.start();
  await w.until((l) => l.companion.length > 0);
  w.client.engineEvent({ type: "tool_result", isError: true, name: "Read" });
  w.client.engineEvent({ type: "session_end" });
  await w.until((l) => l.companion.includes("“ouch, Read”"));
  // The host answers in order: once a later call returns, the turn_done reaction has been handled too.
  await w.runtime.call(w.name, "framesAsked");
  await w.runtime.call(w.name, "framesAsked");
  expect(w.client.lines().companion).toContain("“ouch, Read”");
  expect(w.seen.some((l) => l.companion.includes("“nice”"))).toBe(false);
  // …and is said once the failure has had its moment.
  await w.until((l) => l.companion.includes("“nice”"));
});

test("a widget whose host cannot start is not shown, with one notice; nothing throws", async () => {
  const name = uniqueName("nohost");
  const root = writeTree({ "plugin.json": manifest(name, { contributes: { hostModules: ["host.js"], widgets: [{ id: "pet", slot: "companion" }] } }), "host.js": "export const widgets = {};" });
  const notices: string[] = [];
  const { runtime } = runtimeFor([root]);
  open.push(runtime);
  const done = new Promise<void>((resolve) => {
    const client = new WidgetClient(runtime, { onChange: () => {}, notify: (l) => (notices.push(l), resolve()) });
    clients.push(client);
    client.start();
  });
  await done;
  expect(notices[0]).toContain(`plugin ${name}: widget pet is not shown: plugin ${name}: no widget named "pet"`);
});
