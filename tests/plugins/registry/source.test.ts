// Which registry keel talks to, as a table: KEEL_REGISTRY over settings.registry over the
// embedded copy; URLs and directories get stable ids that never collide across kinds.
import { expect, test } from "bun:test";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { parseRegistryLocation, RegistryError, registrySource } from "../../../src/plugins/registry/index.ts";

test.each([
  [{}, undefined, { id: "embedded", kind: "embedded", location: "embedded" }],
  [{ KEEL_REGISTRY: "" }, undefined, { kind: "embedded" }],
  [{}, "https://plugins.example.com/keel/", { kind: "http", location: "https://plugins.example.com/keel" }],
  [{ KEEL_REGISTRY: "http://127.0.0.1:8080" }, "https://ignored.example", { kind: "http", location: "http://127.0.0.1:8080" }],
  [{ KEEL_REGISTRY: "/srv/registry" }, undefined, { kind: "dir", location: "/srv/registry" }],
  [{}, "embedded", { kind: "embedded" }],
])("registrySource(%j, %j)", (env, settings, expected) => {
  expect(registrySource(env, settings)).toMatchObject(expected);
});

test("relative directories resolve against the working directory; ids are stable, distinct and filesystem-safe", () => {
  expect(parseRegistryLocation("~/reg", "x").location).toBe(join(homedir(), "reg"));
  const a = parseRegistryLocation("./reg", "KEEL_REGISTRY", "/home/me/project");
  expect(a).toMatchObject({ kind: "dir", location: resolve("/home/me/project/reg") });
  expect(a.id).toMatch(/^dir-[0-9a-f]{12}$/);
  expect(parseRegistryLocation("/home/me/project/reg", "x").id).toBe(a.id);
  const h = parseRegistryLocation("https://r.example/x", "x");
  expect(h.id).toMatch(/^http-[0-9a-f]{12}$/);
  expect(parseRegistryLocation("https://r.example/x/", "x").id).toBe(h.id);
  expect(parseRegistryLocation("https://r.example/y", "x").id).not.toBe(h.id);
});

test.each([
  ["ftp://r.example/x", /KEEL_REGISTRY: ftp: registries are not supported/],
  ["https://r.example/x?token=1", /KEEL_REGISTRY: a registry URL takes no query or fragment/],
  ["http://[bad", /KEEL_REGISTRY: "http:\/\/\[bad" is not a valid URL/],
  ["   ", /KEEL_REGISTRY is empty/],
])("a bad location %j is refused, naming where it came from", (raw, message) => {
  expect(() => parseRegistryLocation(raw, "KEEL_REGISTRY")).toThrow(RegistryError);
  expect(() => parseRegistryLocation(raw, "KEEL_REGISTRY")).toThrow(message);
});
