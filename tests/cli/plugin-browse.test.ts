// The browse screen's pure parts as tables: raw key parsing, the reducer, the render; and the
// install-name syntax (name, name@version, name@marketplace).
import { describe, expect, test } from "bun:test";
import { type BrowseState, type Key, parseKeys, reduce, render, visible } from "../../src/cli/plugin-browse-state.ts";
import type { CatalogItem } from "../../src/cli/plugin-catalog.ts";
import { parseInstallSpec } from "../../src/cli/plugin-context.ts";

const item = (name: string, description: string, o: Partial<CatalogItem> = {}): CatalogItem => ({
  name,
  version: "1.0.0",
  publisher: "acme",
  description,
  signed: true,
  source: "registry",
  spec: name,
  capabilities: [],
  versions: ["1.0.0"],
  ...o,
});
const ITEMS = [item("buddy", "A companion"), item("commit-helper", "Writes commit messages", { installed: "1.0.0" }), item("greeter", "Says hello", { signed: false, spec: "greeter@team", source: "marketplace:team" })];
const start: BrowseState = { items: ITEMS, filter: "", selected: 0, view: "list" };

function press(keys: Key[], s = start) {
  let state = s;
  let effect: string | undefined;
  for (const k of keys) ({ state, effect } = { ...reduce(state, k) });
  return { state, effect };
}

describe("parseKeys", () => {
  test.each([
    ["abc", [{ char: "a" }, { char: "b" }, { char: "c" }]],
    ["\x1b[A\x1b[B", ["up", "down"]],
    ["\x1bOA", ["up"]],
    ["\r", ["enter"]],
    ["\x7f", ["backspace"]],
    ["\x1b", ["escape"]],
    ["\x03", ["quit"]],
    ["\x1b[C x", [{ char: " " }, { char: "x" }]],
  ] as const)("%j", (chunk, keys) => expect(parseKeys(chunk)).toEqual(keys as unknown as Key[]));
});

describe("reduce", () => {
  test("typing filters (every word must match) and resets the selection", () => {
    const { state } = press([{ char: "c" }, { char: "o" }, { char: "m" }, { char: "m" }]);
    expect(visible(state).map((i) => i.name)).toEqual(["commit-helper"]);
    expect(state.selected).toBe(0);
    expect(visible(press(["backspace", "backspace"], state).state).map((i) => i.name)).toEqual(["buddy", "commit-helper"]);
  });
  test("↑/↓ move within the list and stop at its ends", () => {
    expect(press(["down", "down", "down", "down"]).state.selected).toBe(2);
    expect(press(["down", "up", "up"]).state.selected).toBe(0);
  });
  test("Enter opens info; i there asks to install; Esc goes back", () => {
    const info = press(["down", "enter"]);
    expect(info.state.view).toBe("info");
    expect(reduce(info.state, { char: "i" }).effect).toBe("install");
    expect(reduce(info.state, "escape").state.view).toBe("list");
  });
  test("in the list, i is just a letter of the filter; Esc clears the filter, then quits", () => {
    const typed = press([{ char: "i" }]);
    expect(typed.effect).toBeUndefined();
    expect(typed.state.filter).toBe("i");
    expect(press(["escape"], typed.state).state.filter).toBe("");
    expect(press(["escape"]).effect).toBe("quit");
    expect(press(["quit"]).effect).toBe("quit");
  });
});

describe("render", () => {
  test("marks the selection, installed and unsigned plugins, and cuts lines to the width", () => {
    const lines = render(press(["down"]).state, 20, 60, () => []);
    expect(lines[0]).toBe("keel plugins — 3 of 3");
    expect(lines.find((l) => l.startsWith("› "))).toContain("commit-helper");
    expect(lines.find((l) => l.includes("greeter@team"))).toContain("[unsigned]");
    expect(lines.find((l) => l.includes("commit-helper"))).toContain("[installed 1.0.0]");
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(60);
  });
  test("the footer says what Esc does now: clear the filter, else quit", () => {
    expect(render(press([]).state, 20, 100, () => []).at(-1)).toEndWith("· Esc quit");
    expect(render(press([{ char: "g" }]).state, 20, 100, () => []).at(-1)).toEndWith("· Esc clears the filter");
  });
  test("nothing matching says so", () => {
    expect(render(press([{ char: "z" }, { char: "z" }]).state, 20, 80, () => [])).toContain("  nothing matches");
  });
});

describe("parseInstallSpec", () => {
  test.each([
    ["hello", { name: "hello" }],
    ["hello@1.2.3", { name: "hello", version: "1.2.3" }],
    ["hello@1.2.3-beta.1", { name: "hello", version: "1.2.3-beta.1" }],
    ["hello@team-tools", { name: "hello", marketplace: "team-tools" }],
  ])("%s", (spec, parsed) => expect(parseInstallSpec(spec)).toEqual(parsed));
  test.each([
    ["Hello", "a plugin name is lowercase"],
    ["a@b@c", "one @"],
    ["hello@", "after @ comes a version like 1.2.3 or a marketplace name"],
    ["hello@1.2", "after @ comes a version"],
  ])("%s is refused", (spec, message) => expect(() => parseInstallSpec(spec)).toThrow(message));
});
