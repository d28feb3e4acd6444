// ConfigChange: real settings files in a temp dir, watched with fs.watch. A change fires
// the hook once (file_path, source, scope), then that file's hooks are reloaded; an
// unchanged rewrite is no change; a blocking hook keeps the old hooks, except on the
// managed layer; bad JSON keeps them too; close() stops it all.
import { afterEach, describe, expect, test } from "bun:test";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { type Watch, watchConfig } from "../../src/hooks/index.ts";
import { fixture } from "./helpers.ts";

const open: Watch[] = [];
afterEach(() => {
  for (const w of open.splice(0)) w.close();
});

const hooksJson = (hooks: Record<string, unknown>) => JSON.stringify({ hooks }, null, 2);
const cmd = (event: string, command: string, matcher = "") => ({ [event]: [{ matcher, hooks: [{ type: "command", command }] }] });

/** A project layer (the runner's own settings.json) and a user layer, both watched. */
function setup(opts: { layer?: string; configHook?: string; matcher?: string } = {}) {
  const f = fixture();
  const project = join(f.dir, "settings.json");
  const user = join(f.dir, "user-settings.json");
  const change = f.recorder("change", opts.configHook ?? "exit 0");
  const stop = f.recorder("stop");
  const initial = cmd("ConfigChange", change.command, opts.matcher);
  writeFileSync(project, hooksJson(initial));
  writeFileSync(user, "{}");
  const runner = f.runner(initial);
  const handled: Array<{ file: string; applied: boolean }> = [];
  let wake: () => void = () => {};
  const w = watchConfig({
    layers: [
      { name: opts.layer ?? "project", file: project },
      { name: "user", file: user },
    ],
    runner,
    sessionId: "s1",
    cwd: f.dir,
    notify: (l) => f.notices.push(l),
    debounceMs: 20,
    onHandled: (file, applied) => {
      handled.push({ file, applied });
      wake();
    },
  });
  open.push(w);
  /** Resolves once `n` changes have been handled. */
  const until = (n: number) =>
    new Promise<void>((resolve) => {
      const check = () => (handled.length >= n ? resolve() : (wake = check));
      check();
    });
  const withStop = hooksJson({ ...initial, ...cmd("Stop", stop.command) });
  return { f, project, user, runner, change, stop, handled, until, withStop, w };
}

const stopRuns = async (s: ReturnType<typeof setup>) => {
  await s.runner.run("Stop", { session_id: "s1", cwd: s.f.dir, hook_event_name: "Stop" });
  return s.stop.heard().length;
};

describe("ConfigChange", () => {
  test("a changed settings file fires once with file_path, source and scope; its new hooks then run", async () => {
    const s = setup();
    expect(await stopRuns(s)).toBe(0);
    // Several writes in a row (an editor saving twice) settle into one change.
    writeFileSync(s.project, s.withStop.replace("{", "{ "));
    writeFileSync(s.project, s.withStop);
    await s.until(1);
    expect(s.handled).toEqual([{ file: s.project, applied: true }]);
    expect(s.change.heard()).toEqual([expect.objectContaining({ hook_event_name: "ConfigChange", session_id: "s1", file_path: s.project, source: "project_settings", scope: "project" })]);
    expect(await stopRuns(s)).toBe(1);
    expect(s.f.notices.some((n) => n.includes(`${s.project} changed: its hooks were reloaded`))).toBe(true);
  });

  test("rewriting a file with the same text is no change", async () => {
    const s = setup();
    writeFileSync(s.project, hooksJson(JSON.parse(await Bun.file(s.project).text()).hooks));
    writeFileSync(s.user, '{"model":"claude-opus-5"}');
    await s.until(1);
    // Only the user file really changed; it came after the rewrite, so the rewrite was seen first and skipped.
    expect(s.handled).toEqual([{ file: s.user, applied: true }]);
    expect(s.change.heard().map((e) => [e.file_path, e.source])).toEqual([[s.user, "user_settings"]]);
    // A change that leaves the hooks as they were reloads nothing and says nothing.
    expect(s.f.notices).toEqual([]);
  });

  test("a ConfigChange hook that exits 2 keeps the change from applying; the person hears why", async () => {
    const s = setup({ configHook: "echo 'settings are frozen during the release' >&2; exit 2" });
    writeFileSync(s.project, s.withStop);
    await s.until(1);
    expect(s.handled).toEqual([{ file: s.project, applied: false }]);
    expect(await stopRuns(s)).toBe(0);
    expect(s.f.notices).toContain(`a ConfigChange hook kept the change to ${s.project} from applying: settings are frozen during the release`);
  });

  test("the managed layer cannot be vetoed: its change applies even when the hook blocks", async () => {
    const s = setup({ layer: "managed", configHook: "exit 2" });
    writeFileSync(s.project, s.withStop);
    await s.until(1);
    expect(s.change.heard()[0]).toMatchObject({ source: "policy_settings", scope: "managed" });
    expect(s.handled).toEqual([{ file: s.project, applied: true }]);
    expect(await stopRuns(s)).toBe(1);
  });

  test("the matcher is tested against source", async () => {
    const s = setup({ matcher: "user_settings" });
    writeFileSync(s.project, s.withStop);
    await s.until(1);
    expect(s.change.heard()).toEqual([]);
    writeFileSync(s.user, '{"model":"x"}');
    await s.until(2);
    expect(s.change.heard().map((e) => e.source)).toEqual(["user_settings"]);
  });

  test("a file that is no longer valid JSON keeps its old hooks, named in the notice", async () => {
    const s = setup();
    writeFileSync(s.project, '{"hooks": {');
    await s.until(1);
    expect(s.handled).toEqual([{ file: s.project, applied: false }]);
    expect(s.f.notices).toContain(`${s.project}: invalid JSON; its hooks were not reloaded`);
    expect(s.runner.active.map((d) => d.event)).toEqual(["ConfigChange"]);
  });

  test("after close() nothing fires", async () => {
    const s = setup();
    s.w.close();
    writeFileSync(s.project, s.withStop);
    await Bun.sleep(300);
    expect(s.change.heard()).toEqual([]);
    expect(s.handled).toEqual([]);
  });
});
